import { describe, expect, it } from 'vitest';
import {
  forbiddenLaunchArgs,
  kioskRuntimeFlags,
  launchArgsDecision,
} from '../../../../electron/shared/policy/launch-args';

const exe = ['/opt/Hall Kiosk/hall-kiosk'];
const dev = ['/work/node_modules/electron/dist/electron', '/work/dist-electron/main.cjs'];

const cases: [args: string[], forbidden: string[], platform?: string][] = [
  [[], []],
  [['--enable-logging'], []],
  [['--lang=zh-CN', '--ozone-platform=wayland'], []],
  [['--remote-debugging-port=9222'], ['--remote-debugging-port=9222']],
  [['--remote-debugging-port', '9222'], ['--remote-debugging-port']],
  [['--remote-debugging-pipe'], ['--remote-debugging-pipe']],
  [['--remote-debugging-address=0.0.0.0'], ['--remote-debugging-address=0.0.0.0']],
  [['--remote-allow-origins=*'], ['--remote-allow-origins=*']],
  [['--inspect'], ['--inspect']],
  [['--inspect=0.0.0.0:9229'], ['--inspect=0.0.0.0:9229']],
  [['--inspect-brk'], ['--inspect-brk']],
  [['--inspect-brk=9229'], ['--inspect-brk=9229']],
  [['--inspect_brk'], ['--inspect_brk']], // Node accepts underscores
  [['--inspect-port=1234'], ['--inspect-port=1234']],
  [['--inspect-wait'], ['--inspect-wait']],
  [['--debug=5858'], ['--debug=5858']],
  [['--js-flags=--allow-natives-syntax'], ['--js-flags=--allow-natives-syntax']],
  [['--no-sandbox'], ['--no-sandbox']],
  [['--disable-web-security'], ['--disable-web-security']],
  [['--disable-site-isolation-trials'], ['--disable-site-isolation-trials']],
  [['--allow-file-access-from-files'], ['--allow-file-access-from-files']],
  [['--load-extension=/tmp/x'], ['--load-extension=/tmp/x']],
  [['--auto-open-devtools-for-tabs'], ['--auto-open-devtools-for-tabs']],
  [['--enable-blink-features=X'], ['--enable-blink-features=X']],
  [['-remote-debugging-port=9222'], ['-remote-debugging-port=9222']], // Chromium accepts one dash
  [['--REMOTE-DEBUGGING-PORT=9222'], ['--REMOTE-DEBUGGING-PORT=9222']],
  [['/remote-debugging-port=9222'], ['/remote-debugging-port=9222'], 'win32'],
  [['/remote-debugging-port=9222'], [], 'linux'], // a path on POSIX
  [['--inspector'], []], // not a prefix match
  [['--inspect-foo'], []],
  [['--', '--inspect'], ['--inspect']], // no terminator escape
  [
    ['--enable-logging', '--inspect', '--remote-debugging-port=0'],
    ['--inspect', '--remote-debugging-port=0'],
  ],
  [['inspect', 'remote-debugging-port'], []], // positional arguments are not switches
  [['-'], []],
];

describe('forbiddenLaunchArgs', () => {
  it.each(cases)('%j → %j (%s)', (args, forbidden, platform = 'linux') => {
    expect(forbiddenLaunchArgs([...exe, ...args], platform)).toEqual(forbidden);
  });
});

describe('launchArgsDecision', () => {
  const debug = [...dev, '--inspect=0', '--remote-debugging-port=0'];
  const flagged = ['--inspect=0', '--remote-debugging-port=0'];
  it.each([
    { argv: dev, isPackaged: false, allowDebugArgs: false, expected: { start: true, tolerated: [] } },
    { argv: exe, isPackaged: true, allowDebugArgs: false, expected: { start: true, tolerated: [] } },
    { argv: debug, isPackaged: true, allowDebugArgs: false, expected: { start: false, forbidden: flagged } },
    // never when packaged, whatever the environment says
    { argv: debug, isPackaged: true, allowDebugArgs: true, expected: { start: false, forbidden: flagged } },
    { argv: debug, isPackaged: false, allowDebugArgs: false, expected: { start: false, forbidden: flagged } },
    // Playwright's _electron.launch in an unpackaged test run
    { argv: debug, isPackaged: false, allowDebugArgs: true, expected: { start: true, tolerated: flagged } },
  ])(
    'argv #$# packaged=$isPackaged opt-in=$allowDebugArgs',
    ({ argv, isPackaged, allowDebugArgs, expected }) => {
      expect(launchArgsDecision({ argv, platform: 'linux', isPackaged, allowDebugArgs })).toEqual(expected);
    },
  );
});

describe('kioskRuntimeFlags', () => {
  const all = { HALL_DEV: '1', HALL_WINDOWED: '1', HALL_ALLOW_DEBUG_ARGS: '1' };
  const locked = { devTools: false, fullscreen: true, allowDebugArgs: false, supervised: false };
  it.each([
    ['packaged, no env', true, {}, locked],
    ['packaged, every dev variable set (ignored)', true, all, locked],
    ['unpackaged, no env', false, {}, locked],
    [
      'unpackaged, every dev variable',
      false,
      all,
      { devTools: true, fullscreen: false, allowDebugArgs: true, supervised: false },
    ],
    ['unpackaged, HALL_DEV=true is not "1"', false, { HALL_DEV: 'true' }, locked],
    ['packaged under systemd', true, { HALL_SUPERVISED: '1' }, { ...locked, supervised: true }],
    ['unpackaged under a supervisor', false, { HALL_SUPERVISED: '1' }, { ...locked, supervised: true }],
  ] as const)('%s', (_name, isPackaged, env, expected) => {
    expect(kioskRuntimeFlags(isPackaged, env)).toEqual(expected);
  });
});
