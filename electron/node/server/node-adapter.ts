/**
 * node:http ⇄ WHATWG Request/Response, so the hall server mounts the same handler Electron does.
 *
 * Bodies are piped chunk by chunk with backpressure (`drain`); when the client goes away the
 * body stream is cancelled, which closes the file on disk.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A WHATWG Request for an incoming node request. Request bodies are not read (GET/HEAD only). */
export function toWebRequest(req: IncomingMessage, origin: string, signal?: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    const value = req.rawHeaders[i + 1] ?? '';
    // Pseudo or connection-level headers have no meaning to the handler.
    if (name.startsWith(':')) continue;
    try {
      headers.append(name, value);
    } catch {
      // Header names/values undici refuses are dropped rather than failing the request.
    }
  }
  // `origin + target` (not `new URL(target, origin)`): a target like `//host/x` stays a path.
  return new Request(origin + (req.url ?? '/'), {
    method: req.method ?? 'GET',
    headers,
    ...(signal ? { signal } : {}),
  });
}

function waitForDrainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes a WHATWG Response to a node response. Resolves when the body has been written or the
 * client has gone (then the body is cancelled); a body that errors mid-way destroys the socket,
 * because the promised Content-Length can no longer be honoured.
 */
export async function sendWebResponse(
  res: ServerResponse,
  response: Response,
  isHead: boolean,
): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  const body = response.body;
  if (!body || isHead) {
    if (body) await body.cancel().catch(() => undefined);
    res.end();
    return;
  }
  if (res.destroyed) {
    await body.cancel().catch(() => undefined);
    return;
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> =
    body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  const onClose = (): void => {
    if (!res.writableFinished) reader.cancel().catch(() => undefined);
  };
  res.on('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (res.destroyed) return;
      if (done) break;
      if (!res.write(value)) await waitForDrainOrClose(res);
    }
    res.end();
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  } finally {
    res.off('close', onClose);
  }
}
