import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseServerPort, parseServerArgs } from '../../../../electron/node/server/server-args';

const cwd = '/repo';

describe('parseServerArgs', () => {
  it('has loopback, no port of its own and the default pack chain', () => {
    const parsed = parseServerArgs([], cwd, {});
    expect(parsed).toEqual({
      ok: true,
      args: {
        port: undefined,
        host: '127.0.0.1',
        renderer: path.resolve(cwd, 'dist/renderer'),
        packCandidates: [
          path.resolve(cwd, 'dist/packs/default'),
          path.resolve(cwd, 'tests/fixtures/packs/minimal'),
        ],
        packExplicit: false,
        dataDir: undefined,
        log: undefined,
        allowNonLoopback: false,
        help: false,
      },
    });
  });

  it('takes every flag', () => {
    const parsed = parseServerArgs(
      [
        '--port',
        '8123',
        '--host',
        '::1',
        '--renderer',
        'r',
        '--pack',
        'p',
        '--data-dir',
        'd',
        '--log',
        'l.log',
        '--allow-non-loopback',
      ],
      cwd,
      { HALL_PACK: 'ignored' },
    );
    expect(parsed.ok && parsed.args).toMatchObject({
      port: 8123,
      host: '::1',
      renderer: path.resolve(cwd, 'r'),
      packCandidates: [path.resolve(cwd, 'p')],
      packExplicit: true,
      dataDir: path.resolve(cwd, 'd'),
      log: path.resolve(cwd, 'l.log'),
      allowNonLoopback: true,
    });
  });

  it('uses HALL_PACK when --pack is absent', () => {
    const parsed = parseServerArgs([], cwd, { HALL_PACK: '/packs/x' });
    expect(parsed.ok && parsed.args.packCandidates).toEqual(['/packs/x']);
    expect(parsed.ok && parsed.args.packExplicit).toBe(true);
  });

  const bad: string[][] = [['--port', 'x'], ['--port', '70000'], ['--port', '-1'], ['--nope'], ['stray']];
  it.each(bad)('refuses %j', (...argv) => {
    expect(parseServerArgs(argv, cwd, {}).ok).toBe(false);
  });
});

describe('chooseServerPort', () => {
  it("takes --port, else the hall's config.json port, else any free port", () => {
    expect(chooseServerPort(8123, 8080)).toBe(8123);
    expect(chooseServerPort(0, 8080)).toBe(0);
    expect(chooseServerPort(undefined, 8080)).toBe(8080);
    expect(chooseServerPort(undefined, undefined)).toBe(0);
  });
});
