/** Spawning a server and timing until it prints its "serving <url>" line. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export type Started = { child: ChildProcess; url: string; startedAt: number; readyMs: number };

/** Spawns `argv`, resolves when stdout shows `serving <url>`; `startedAt` is Date.now() before spawn. */
export function spawnServer(argv: string[], cwd: string, timeoutMs = 60_000): Promise<Started> {
  const startedAt = Date.now();
  const t0 = process.hrtime.bigint();
  const child = spawn(argv[0]!, argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "serving" line within ${timeoutMs} ms from ${argv.join(' ')}: ${out}${err}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (t: string) => (err += t));
    child.stdout.on('data', (t: string) => {
      out += t;
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, startedAt, readyMs: Number(process.hrtime.bigint() - t0) / 1e6 });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${argv.join(' ')} exited (${String(code)}) before serving: ${out}${err}`));
    });
  });
}

/** Stops a child we started and waits for it. */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
