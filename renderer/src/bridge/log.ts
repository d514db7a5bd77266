/**
 * The renderer's logger. No console in the kiosk (a visitor never sees a devtools message and
 * e2e tests fail on any): entries stay in a small ring buffer for the staff/health screen.
 * When the IPC contract gains a log channel, `write` forwards to main from here.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogEntry = { at: number; level: LogLevel; message: string; data?: Record<string, unknown> };

const LIMIT = 200;
const entries: LogEntry[] = [];
const listeners = new Set<(entry: LogEntry) => void>();

function write(level: LogLevel, message: string, data?: Record<string, unknown>): void {
  const entry: LogEntry =
    data === undefined ? { at: Date.now(), level, message } : { at: Date.now(), level, message, data };
  entries.push(entry);
  if (entries.length > LIMIT) entries.splice(0, entries.length - LIMIT);
  for (const listener of listeners) {
    try {
      listener(entry);
    } catch {
      // Logging must never take the app down.
    }
  }
}

export const log = {
  info: (message: string, data?: Record<string, unknown>) => write('info', message, data),
  warn: (message: string, data?: Record<string, unknown>) => write('warn', message, data),
  error: (message: string, data?: Record<string, unknown>) => write('error', message, data),
};

/** The most recent entries, oldest first. */
export function recentLog(): readonly LogEntry[] {
  return entries.slice();
}

/** Observe new entries (staff screen, a future IPC forwarder). Returns the unsubscribe function. */
export function onLog(listener: (entry: LogEntry) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** An error as plain data for a log entry (message and name, never shown to a visitor). */
export function errorData(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { name: error.name, error: error.message, stack: error.stack ?? '' };
  return { error: String(error) };
}
