// `npm run bench`: see bench/run.ts. Options: --quick (smaller inputs, a few minutes), --check
// (exit 1 when a goal is missed), and words to run only the modules whose name contains them.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/run.ts');
process.exit(await main(process.argv.slice(2)));
