/**
 * The Chrome DevTools Protocol over `--remote-debugging-pipe`: Chromium reads commands on its fd 3
 * and writes replies and events on its fd 4, each message JSON followed by a NUL byte. No port is
 * ever opened, so nothing else on the machine can attach. Thin on purpose: the decisions live in
 * `shared/policy/browser-kiosk.ts`.
 */
import type { Readable, Writable } from 'node:stream';

export type CdpEvent = { method: string; params: Record<string, unknown>; sessionId?: string };

export type CdpConnection = {
  /** Sends a command; resolves with its result, rejects with the protocol's error message. */
  send(
    method: string,
    params?: Record<string, unknown>,
    sessionId?: string,
  ): Promise<Record<string, unknown>>;
  onEvent(listener: (event: CdpEvent) => void): void;
  /** Resolves when the pipe closes (Chromium exited); pending commands reject. */
  readonly closed: Promise<void>;
};

type Pending = { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void; method: string };

export function connectCdpPipe(toChromium: Writable, fromChromium: Readable): CdpConnection {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners: Array<(event: CdpEvent) => void> = [];
  let buffered = '';
  let open = true;

  const dispatch = (text: string): void => {
    let message: {
      id?: number;
      result?: Record<string, unknown>;
      error?: { message?: string };
      method?: string;
      params?: Record<string, unknown>;
      sessionId?: string;
    };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.id === 'number') {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (!waiting) return;
      if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message ?? 'error'}`));
      else waiting.resolve(message.result ?? {});
      return;
    }
    if (typeof message.method !== 'string') return;
    const event: CdpEvent = {
      method: message.method,
      params: message.params ?? {},
      ...(message.sessionId ? { sessionId: message.sessionId } : {}),
    };
    for (const listener of listeners) listener(event);
  };

  fromChromium.setEncoding('utf8');
  fromChromium.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\0')) !== -1) {
      const text = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      dispatch(text);
    }
  });
  // Writing to a Chromium that just died raises EPIPE on the stream; the exit handler deals with it.
  toChromium.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => {
    const finish = (): void => {
      if (!open) return;
      open = false;
      for (const [, waiting] of pending)
        waiting.reject(new Error(`${waiting.method}: Chromium closed the pipe`));
      pending.clear();
      resolve();
    };
    fromChromium.on('close', finish);
    fromChromium.on('end', finish);
    fromChromium.on('error', finish);
  });

  return {
    send(method, params = {}, sessionId) {
      if (!open) return Promise.reject(new Error(`${method}: Chromium closed the pipe`));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        toChromium.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      });
    },
    onEvent(listener) {
      listeners.push(listener);
    },
    closed,
  };
}
