/** Reading processes from Linux's /proc: each one's parent and CPU time (user + system). */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export type ProcInfo = { parent: number; cpuMs: number };

/**
 * Every process that `keep` (given its pid) keeps, with its parent and CPU time; null where there
 * is no /proc. A process that ends while it is read is left out.
 */
export function readProcesses(keep: (pid: number) => boolean = () => true): Map<number, ProcInfo> | null {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return null;
  }
  const out = new Map<number, ProcInfo>();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    try {
      if (!keep(pid)) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      // There, ppid is [1], utime [11] and stime [12].
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, {
        parent: Number(f[1]),
        cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND,
      });
    } catch {
      // The process ended while we read it.
    }
  }
  return out;
}

/** A process's command line, or '' once it has ended. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}
