// `npm run bench`: runs every bench/*.bench.ts (each measures ours side by side with a baseline in
// the same run) and writes bench-report/report.md and bench-report/report.json.
// `npm run bench -- pack-store` runs only the modules whose name contains that word.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const filters = process.argv.slice(2);
const outDir = resolve('bench-report');
mkdirSync(outDir, { recursive: true });
const modules = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

const sections = [];
const data = {};
let failures = 0;
for (const file of modules) {
  const started = Date.now();
  console.log(`bench: ${file} …`);
  try {
    const mod = await import(pathToFileURL(resolve('bench', file)).href);
    const result = await mod.default({ outDir, log: (s) => console.log(`  ${s}`) });
    sections.push(
      `## ${result.title}\n\n${result.markdown}\n\n_(${((Date.now() - started) / 1000).toFixed(1)} s)_`,
    );
    data[file] = result.data;
  } catch (error) {
    failures += 1;
    sections.push(`## ${file}\n\nFAILED: ${error instanceof Error ? error.stack : String(error)}`);
    console.error(`bench: ${file} failed:`, error);
  }
}

const header = `# Hall Kiosk benchmark report\n\n${new Date().toISOString()} · node ${process.version} · ${process.platform}/${process.arch}\n`;
writeFileSync(join(outDir, 'report.md'), [header, ...sections].join('\n\n') + '\n');
writeFileSync(join(outDir, 'report.json'), JSON.stringify(data, null, 2) + '\n');
console.log(`bench: wrote ${join(outDir, 'report.md')}`);
process.exit(failures === 0 ? 0 : 1);
