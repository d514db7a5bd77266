/**
 * Goals and the report: every measure carries its goal and whether it was met, and
 * `npm run bench -- --check` fails when one was not. Pure functions (unit-tested).
 */
import type { Summary } from './stats';
import type { Unit } from './units';
import { formatValue } from './units';

/**
 * What a goal compares:
 * - `median`: the median of our samples;
 * - `max`: our worst sample ("every time");
 * - `ratio`: the median of ours / a baseline measured beside it in the same run.
 */
export type GoalOn = 'median' | 'max' | 'ratio';

export type Goal = { on: GoalOn; op: '<=' | '<' | '>='; limit: number };

export type Baseline = { name: string; summary: Summary };

export type MeasureInput = {
  id: string;
  title: string;
  unit: Unit;
  ours: Summary;
  baselines?: Baseline[];
  /** Required when the goal is on the ratio: ours / the first baseline, pair by pair. */
  ratio?: Summary;
  goal: Goal;
  /** What else a reader needs (how measured, context figures). */
  notes?: string[];
};

export type Measure = MeasureInput & {
  /** The figure the goal is checked against. */
  value: number;
  met: boolean;
  goalText: string;
};

export function goalValue(m: MeasureInput): number {
  switch (m.goal.on) {
    case 'median':
      return m.ours.median;
    case 'max':
      return m.ours.max;
    case 'ratio':
      return m.ratio?.median ?? Number.NaN;
  }
}

/** True only for a finite value on the right side of the limit: no figure is never a pass. */
export function meets(goal: Goal, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  switch (goal.op) {
    case '<=':
      return value <= goal.limit;
    case '<':
      return value < goal.limit;
    case '>=':
      return value >= goal.limit;
  }
}

export function describeGoal(m: MeasureInput): string {
  const { on, op, limit } = m.goal;
  const sign = op === '<=' ? '≤' : op === '<' ? '<' : '≥';
  if (on === 'ratio') return `${sign} ${formatValue(limit, '×')} ${m.baselines?.[0]?.name ?? 'baseline'}`;
  const what = on === 'max' ? 'every time ' : '';
  return `${what}${sign} ${formatValue(limit, m.unit)}`;
}

export function measure(input: MeasureInput): Measure {
  if (input.goal.on === 'ratio' && (!input.ratio || !input.baselines?.length)) {
    throw new Error(`measure ${input.id}: a ratio goal needs a baseline and the ratio`);
  }
  const value = goalValue(input);
  return { ...input, value, met: meets(input.goal, value), goalText: describeGoal(input) };
}

/** A measure that could not be taken (an error): it carries its goal and is not met. */
export function failedMeasure(id: string, title: string, goal: Goal, unit: Unit, why: string): Measure {
  const none: Summary = {
    n: 0,
    median: Number.NaN,
    q1: Number.NaN,
    q3: Number.NaN,
    min: Number.NaN,
    max: Number.NaN,
  };
  return measure({ id, title, unit, ours: none, goal, notes: [`not measured: ${why}`] });
}

/** The process exit code: with --check, 1 when any goal is missed (or nothing was measured). */
export function exitCode(measures: readonly Measure[], opts: { check: boolean; errors: number }): number {
  if (opts.errors > 0) return 1;
  if (!opts.check) return 0;
  return measures.length > 0 && measures.every((m) => m.met) ? 0 : 1;
}

export function formatSummary(s: Summary, unit: Unit): string {
  if (s.n === 0) return '—';
  if (s.n === 1) return `${formatValue(s.median, unit)} (n=1)`;
  const range = `${formatValue(s.min, unit)}–${formatValue(s.max, unit)}`;
  return `${formatValue(s.median, unit)} (IQR ${formatValue(s.q1, unit)}–${formatValue(s.q3, unit)}, range ${range}, n=${s.n})`;
}

/** The summary table: ours, each baseline, the ratio, the goal and met. */
export function markdownTable(measures: readonly Measure[]): string {
  const rows = measures.map((m) => {
    const baselines = (m.baselines ?? [])
      .map((b) => `${b.name}: ${formatSummary(b.summary, m.unit)}`)
      .join('<br>');
    const ratio = m.ratio ? formatSummary(m.ratio, '×') : '';
    return `| ${m.title} | ${formatSummary(m.ours, m.unit)} | ${baselines || '—'} | ${ratio || '—'} | ${m.goalText} | ${m.met ? '**met**' : '**NOT met**'} |`;
  });
  return [
    '| measure | ours: median (IQR, range, n) | baseline(s), same run | ours / baseline | goal | met |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export type BenchArgs = { quick: boolean; check: boolean; filters: string[] };

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, check: false, filters: [] };
  for (const a of argv) {
    if (a === '--quick') args.quick = true;
    else if (a === '--check') args.check = true;
    else if (a.startsWith('-'))
      throw new Error(`unknown option ${a} (use --quick, --check, or module names)`);
    else args.filters.push(a);
  }
  return args;
}
