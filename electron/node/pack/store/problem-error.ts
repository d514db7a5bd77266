/**
 * Carrying `PackProblem`s through code that throws (streams, opening a source), and turning
 * file-system errors into problems people can act on.
 */
import { problem } from '../../../shared/problems';
import type { PackProblem } from '../../../shared/problems';
import { errnoCode } from '../../fs/fs-ops';

/** An error that is a list of refusals. */
export class PackProblemError extends Error {
  constructor(readonly problems: PackProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.rule}: ${p.message.en}`).join('\n') || 'pack refused');
    this.name = 'PackProblemError';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** True for "the disk is full" in its several spellings. */
export function isNoSpace(error: unknown): boolean {
  const code = errnoCode(error);
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
}

/** `store.no-space` or `store.io-error` for a failed write, naming the file and the system error. */
export function writeFailureProblem(error: unknown, file: string): PackProblem {
  if (error instanceof PackProblemError && error.problems[0]) return error.problems[0];
  const code = errnoCode(error);
  const detail = code ? `${code} ${file}` : `${describeError(error)} ${file}`;
  return isNoSpace(error)
    ? problem('store.no-space', file, { detail })
    : problem('store.io-error', file, { detail });
}

/** The problems an error carries, or one `source.unreadable` describing it. */
export function problemsOf(error: unknown, file: string): PackProblem[] {
  if (error instanceof PackProblemError) return error.problems;
  return [problem('source.unreadable', file, { path: file, detail: describeError(error) })];
}
