/**
 * How much work one pack costs on its way from a USB stick to the screen: staff preview →
 * install → activate → the kiosk selects it. Counted by wrapping the real functions: signature
 * verifications, manifest parses, and bytes read out of pack sources, streamed or by positional
 * reads (÷ the pack's bytes = full reads). The figures are in the closing note of issue 12.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Signature from '../../../../electron/node/pack/signature';
import type * as Manifest from '../../../../electron/node/pack/manifest';
import type * as Source from '../../../../electron/node/pack/source';
import type { PackSource } from '../../../../electron/node/pack/source';

const counts = vi.hoisted(() => ({ signatureChecks: 0, manifestParses: 0, streamedBytes: 0 }));

vi.mock('../../../../electron/node/pack/signature', async (importOriginal) => {
  const real = await importOriginal<typeof Signature>();
  return {
    ...real,
    verifyPackSignature: (...args: Parameters<typeof real.verifyPackSignature>) => {
      counts.signatureChecks += 1;
      return real.verifyPackSignature(...args);
    },
  };
});

vi.mock('../../../../electron/node/pack/manifest', async (importOriginal) => {
  const real = await importOriginal<typeof Manifest>();
  return {
    ...real,
    parseJsonBytes: (...args: Parameters<typeof real.parseJsonBytes>) => {
      counts.manifestParses += 1;
      return real.parseJsonBytes(...args);
    },
    checkManifest: (...args: Parameters<typeof real.checkManifest>) => {
      counts.manifestParses += 1;
      return real.checkManifest(...args);
    },
    parseManifest: (...args: Parameters<typeof real.parseManifest>) => {
      counts.manifestParses += 1;
      return real.parseManifest(...args);
    },
  };
});

vi.mock('../../../../electron/node/pack/source', async (importOriginal) => {
  const real = await importOriginal<typeof Source>();
  const counted = (source: PackSource): PackSource => {
    const openStream = source.openStream.bind(source);
    source.openStream = (p: string) => {
      const stream = openStream(p);
      // Counted where every chunk passes (read() emits 'data' in paused mode too), without
      // attaching a listener that would switch the stream to flowing mode.
      const emit = stream.emit.bind(stream);
      stream.emit = (event: string | symbol, ...args: unknown[]) => {
        if (event === 'data') counts.streamedBytes += (args[0] as Buffer).length;
        return emit(event, ...args);
      };
      return stream;
    };
    // Folder sources are copied by positional reads into reused buffers: count those bytes too.
    const openReader = source.openReader?.bind(source);
    if (openReader) {
      source.openReader = async (p: string) => {
        const reader = await openReader(p);
        return {
          read: async (buffer: Buffer, position: number) => {
            const n = await reader.read(buffer, position);
            counts.streamedBytes += n;
            return n;
          },
          size: () => reader.size(),
          // Counted on the buffered path; a kernel copy reads each source byte once by
          // construction (copy_file_range), and the store's tests cover that path.
          kernelPath: null,
          close: () => reader.close(),
        };
      };
    }
    return source;
  };
  return {
    ...real,
    openPackSource: async (...args: Parameters<typeof real.openPackSource>) =>
      counted(await real.openPackSource(...args)),
    tryOpenPackSource: async (...args: Parameters<typeof real.tryOpenPackSource>) => {
      const opened = await real.tryOpenPackSource(...args);
      return opened.ok ? { ok: true as const, source: counted(opened.source) } : opened;
    },
  };
});

const { staffWorld, unlock } = await import('../staff/staff-world');
type World = Awaited<ReturnType<typeof staffWorld>>;

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('one pack from a USB stick to the screen', () => {
  it('is signature-checked once, its manifest parsed once and its files read in full once', async () => {
    world = await staffWorld();
    const big = Buffer.alloc(256 * 1024, 7);
    const stick = await world.packOnStick(
      'next',
      { version: '1.1.0', files: { 'media/a.png': big, 'media/b.webp': Buffer.from('webp') } },
      false,
    );
    const packBytes = big.length + 4;
    const token = await unlock(world.service);
    counts.signatureChecks = 0;
    counts.manifestParses = 0;
    counts.streamedBytes = 0;

    const preview = await world.service.preview(token, stick);
    expect(preview.ok && preview.canInstall).toBe(true);
    const installed = await world.service.install(token, stick);
    if (!installed.ok) throw new Error(JSON.stringify(installed.problems));
    const activated = await world.service.activate(token, installed.ref);
    expect(activated).toEqual({ ok: true, ref: 'test-pack@1.1.0' });
    expect(world.content.onScreen()?.ref).toBe('test-pack@1.1.0');

    const figures = {
      signatureChecks: counts.signatureChecks,
      manifestParses: counts.manifestParses,
      fullReads: counts.streamedBytes / packBytes,
    };
    console.log(`USB → screen: ${JSON.stringify(figures)}`);
    expect(figures).toEqual({ signatureChecks: 1, manifestParses: 1, fullReads: 1 });
  });
});
