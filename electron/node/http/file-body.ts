/**
 * A byte range of a file as a WHATWG ReadableStream, read from disk chunk by chunk on demand.
 *
 * Pull-based with `highWaterMark: 0`: nothing is read (and no descriptor opened) until the
 * consumer asks, at most one chunk is in flight, and `cancel()` (client gone) closes the file.
 * So memory stays at one chunk per open response however large the video is.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

export const DEFAULT_CHUNK_SIZE = 64 * 1024;

/** Streams bytes `start..end` (inclusive) of `filePath`. */
export function fileBody(
  filePath: string,
  start: number,
  end: number,
  chunkSize: number = DEFAULT_CHUNK_SIZE,
): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  let position = start;
  let done = false;

  const release = async (): Promise<void> => {
    done = true;
    const h = handle;
    handle = undefined;
    if (h) await h.close().catch(() => undefined);
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!handle) {
            const opened = await open(filePath, 'r');
            if (done) {
              // Cancelled while opening.
              await opened.close().catch(() => undefined);
              return;
            }
            handle = opened;
          }
          const remaining = end + 1 - position;
          if (remaining <= 0) {
            await release();
            controller.close();
            return;
          }
          const buffer = Buffer.allocUnsafeSlow(Math.min(chunkSize, remaining));
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
          if (done) return;
          if (bytesRead === 0) {
            await release();
            controller.error(new Error(`file shorter than expected: ${filePath}`));
            return;
          }
          position += bytesRead;
          controller.enqueue(buffer.subarray(0, bytesRead));
          if (position > end) {
            await release();
            controller.close();
          }
        } catch (error) {
          // After a cancel the stream is closed and error() is a no-op.
          await release();
          controller.error(error);
        }
      },
      async cancel() {
        await release();
      },
    },
    { highWaterMark: 0 },
  );
}
