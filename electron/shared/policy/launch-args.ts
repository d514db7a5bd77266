/**
 * Command-line switches that would open the kiosk to inspection or weaken its sandbox. A
 * packaged kiosk refuses to start with any of them: a technician with a keyboard must not be
 * able to attach a debugger by editing a shortcut. (The `NodeCliInspect` fuse stops Node's own
 * `--inspect`; Chromium's switches are ours to refuse.)
 */

// Normalised names (no leading dashes, lower case, `_` → `-`). Matched exactly or as a prefix
// followed by `=` (so `--inspect=9229` and `--inspect-brk` are both caught).
const FORBIDDEN_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-wait',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'debug-port',
  'js-flags',
  'no-sandbox',
  'disable-web-security',
  'disable-site-isolation-trials',
  'allow-file-access-from-files',
  'allow-running-insecure-content',
  'load-extension',
  'auto-open-devtools-for-tabs',
  'enable-blink-features',
] as const;

const FORBIDDEN = new Set<string>(FORBIDDEN_SWITCHES);

/** The switch name of one argument, or `null` if the argument is not a switch. */
function switchName(arg: string, platform: string): string | null {
  let body: string;
  if (arg.startsWith('--')) body = arg.slice(2);
  else if (arg.startsWith('-') && arg.length > 1) body = arg.slice(1);
  // Chromium on Windows also accepts `/switch`; elsewhere `/…` is a path.
  else if (platform === 'win32' && arg.startsWith('/') && arg.length > 1) body = arg.slice(1);
  else return null;
  const eq = body.indexOf('=');
  const name = eq === -1 ? body : body.slice(0, eq);
  return name.toLowerCase().replaceAll('_', '-');
}

/**
 * The arguments in `argv` that are forbidden (in order, as given), empty when all are fine.
 * `argv` is the whole `process.argv`; the executable and app path are never switches.
 */
export function forbiddenLaunchArgs(argv: readonly string[], platform = 'linux'): string[] {
  return argv.filter((arg) => {
    const name = switchName(arg, platform);
    return name !== null && FORBIDDEN.has(name);
  });
}

/** Result of {@link launchArgsDecision}. */
export type LaunchDecision =
  | { readonly start: true; readonly tolerated: readonly string[] }
  | { readonly start: false; readonly forbidden: readonly string[] };

/** Inputs of {@link launchArgsDecision}. */
export type LaunchContext = {
  readonly argv: readonly string[];
  readonly platform: string;
  /** `app.isPackaged`: a packaged kiosk never tolerates forbidden switches. */
  readonly isPackaged: boolean;
  /**
   * `HALL_ALLOW_DEBUG_ARGS=1` in an unpackaged run (Playwright's `_electron` launches with
   * `--inspect=0 --remote-debugging-port=0`; running unpackaged already means running our source).
   */
  readonly allowDebugArgs: boolean;
};

/** Start or refuse. Forbidden switches are tolerated only unpackaged with the explicit opt-in. */
export function launchArgsDecision(ctx: LaunchContext): LaunchDecision {
  const forbidden = forbiddenLaunchArgs(ctx.argv, ctx.platform);
  if (forbidden.length === 0) return { start: true, tolerated: [] };
  if (!ctx.isPackaged && ctx.allowDebugArgs) return { start: true, tolerated: forbidden };
  return { start: false, forbidden };
}

/** Development switches read from the environment. */
export type KioskRuntimeFlags = {
  /** DevTools in the window: `HALL_DEV=1`, unpackaged only. */
  readonly devTools: boolean;
  /** Kiosk fullscreen; `HALL_WINDOWED=1` gives a normal window, unpackaged only. */
  readonly fullscreen: boolean;
  /** Tolerate forbidden switches ({@link launchArgsDecision}): `HALL_ALLOW_DEBUG_ARGS=1`, unpackaged only. */
  readonly allowDebugArgs: boolean;
  /**
   * `HALL_SUPERVISED=1` (set by the systemd unit and the Shell Launcher script): an OS supervisor
   * restarts the kiosk when it exits, so the app exits instead of relaunching itself.
   */
  readonly supervised: boolean;
};

/**
 * Flags that loosen the lockdown exist for development and tests only: a packaged kiosk ignores
 * them all, so no environment variable can turn a hall machine into a debuggable one.
 */
export function kioskRuntimeFlags(
  isPackaged: boolean,
  env: Readonly<Record<string, string | undefined>>,
): KioskRuntimeFlags {
  const dev = (name: string): boolean => !isPackaged && env[name] === '1';
  return {
    devTools: dev('HALL_DEV'),
    fullscreen: !dev('HALL_WINDOWED'),
    allowDebugArgs: dev('HALL_ALLOW_DEBUG_ARGS'),
    supervised: env.HALL_SUPERVISED === '1',
  };
}
