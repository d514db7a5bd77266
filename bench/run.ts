/**
 * `npm run bench [-- --quick] [-- --check] [-- <module words>]`: runs bench/*.bench.ts, each of
 * which measures ours beside its real alternative in the same run, and writes
 * bench/results/latest.json and latest.md (+ SVG charts). With --check the exit code is 1 when a
 * goal is missed; --quick uses smaller inputs and finishes in a few minutes.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createContext } from './lib/context';
import type { BenchModuleResult } from './lib/context';
import { exitCode, markdownTable, parseBenchArgs } from './lib/goals';
import type { Measure } from './lib/goals';
import { formatValue } from './lib/units';

const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`${line}\n`);

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    warn(`bench: ${(error as Error).message}`);
    return 2;
  }
  const outDir = resolve('bench/results');
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'hall-bench-'));
  const ctx = createContext({ quick: args.quick, outDir, work, log: (s) => say(`  ${s}`) });
  const files = readdirSync(resolve('bench'))
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => args.filters.length === 0 || args.filters.some((w) => f.includes(w)))
    .sort();
  const started = Date.now();
  const sections: string[] = [];
  const measures: Measure[] = [];
  const modules: Record<string, { title: string; seconds: number; measures: Measure[]; error?: string }> = {};
  let errors = 0;
  try {
    for (const file of files) {
      const t0 = Date.now();
      say(`bench: ${file} …`);
      try {
        const mod = (await import(pathToFileURL(resolve('bench', file)).href)) as {
          default: (c: typeof ctx) => Promise<BenchModuleResult>;
        };
        const result = await mod.default(ctx);
        const seconds = (Date.now() - t0) / 1000;
        measures.push(...result.measures);
        modules[file] = { title: result.title, seconds, measures: result.measures };
        const notes = result.measures.flatMap((m) => (m.notes ?? []).map((n) => `- ${m.title}: ${n}`));
        sections.push(
          `## ${result.title}\n\n${result.markdown}\n\n${notes.join('\n')}\n\n_(${seconds.toFixed(0)} s)_`,
        );
        for (const m of result.measures)
          say(
            `  ${m.met ? 'met    ' : 'NOT MET'} ${m.title}: ${formatValue(m.value, m.goal.on === 'ratio' ? '×' : m.unit)} (goal ${m.goalText})`,
          );
      } catch (error) {
        errors += 1;
        const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
        modules[file] = { title: file, seconds: (Date.now() - t0) / 1000, measures: [], error: text };
        sections.push(`## ${file}\n\nFAILED: \`\`\`\n${text}\n\`\`\``);
        warn(`bench: ${file} failed: ${text}`);
      }
    }
  } finally {
    await ctx.dispose();
    rmSync(work, { recursive: true, force: true });
  }
  const seconds = (Date.now() - started) / 1000;
  const met = measures.filter((m) => m.met).length;
  const header = [
    '# Hall Kiosk benchmark',
    '',
    `${new Date().toISOString()} · ${args.quick ? 'quick' : 'full'} mode · ${seconds.toFixed(0)} s · node ${process.version} · ${process.platform}/${process.arch} · ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`,
    '',
    `**${met} of ${measures.length} goals met**${errors ? `, ${errors} module(s) failed` : ''}. Every figure: warm-up first, then ≥ 5 repetitions; median, interquartile range and range. Baselines run in the same run, interleaved with ours.`,
    '',
    markdownTable(measures),
  ].join('\n');
  writeFileSync(join(outDir, 'latest.md'), [header, ...sections].join('\n\n') + '\n');
  writeFileSync(
    join(outDir, 'latest.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        mode: args.quick ? 'quick' : 'full',
        seconds,
        node: process.version,
        measures,
        modules,
      },
      null,
      2,
    ) + '\n',
  );
  say(
    `bench: ${met}/${measures.length} goals met in ${seconds.toFixed(0)} s; wrote ${join('bench/results', 'latest.md')}`,
  );
  return exitCode(measures, { check: args.check, errors });
}
