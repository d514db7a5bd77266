// `npm run soak [-- --minutes N] [-- --seed S] [-- --snapshots]`: random visitor sessions in
// Chromium against the built renderer; see tests/soak/soak.ts. Needs `npm run build` first.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../tests/soak/soak.ts');
process.exit(await main(process.argv.slice(2)));
