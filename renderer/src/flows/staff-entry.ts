/**
 * The ways into staff mode, both invisible to visitors: five taps within three seconds in the
 * top-left corner of the screen, beside the controls there (no visual hint; a tap on a control,
 * such as a visitor pressing Home again and again, starts the count over), or the configured key
 * chord (Electron's main lets exactly that chord through its key lockdown). Both open the PIN
 * pad; the staff code itself loads only then.
 */
import {
  DEFAULT_STAFF_CHORD,
  matchesChord,
  parseKeyChord,
  type KeyChord,
} from '../../../electron/shared/policy/keys';
import { errorData, log } from '../bridge/log';
import { kioskApi } from '../bridge/kiosk';

export type TapCounterOptions = {
  /** Taps needed. */
  taps: number;
  /** All of them within this many milliseconds. */
  windowMs: number;
  /** Size of the corner square, in CSS pixels from the top-left. */
  cornerPx: number;
};

export const STAFF_TAPS: TapCounterOptions = { taps: 5, windowMs: 3000, cornerPx: 96 };

/** Taps on these never count (they do what visitors expect of them). */
const CONTROLS = 'button, a, input, select, textarea, [role="button"], [role="tab"], [role="slider"]';

/**
 * Counts taps in the corner: returns `tap(x, y, at)`, true when the tap completes the gesture.
 * A tap anywhere else starts the count over.
 */
export function createTapCounter(
  options: TapCounterOptions = STAFF_TAPS,
): (x: number, y: number, at: number) => boolean {
  let times: number[] = [];
  return (x, y, at) => {
    if (x < 0 || y < 0 || x > options.cornerPx || y > options.cornerPx) {
      times = [];
      return false;
    }
    times = [...times.filter((t) => at - t <= options.windowMs), at];
    if (times.length < options.taps) return false;
    times = [];
    return true;
  };
}

/** A keydown as the chord matcher reads it. */
export function keyInput(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>,
) {
  return {
    type: 'keyDown',
    key: event.key,
    code: event.code,
    control: event.ctrlKey,
    alt: event.altKey,
    shift: event.shiftKey,
    meta: event.metaKey,
  };
}

export type StaffEntryOptions = {
  /** Opens staff mode; default loads flows/staff and calls `staffFlows.open()`. */
  open?: () => void;
  /** The configured chord, when known (Electron asks main at start). */
  chord?: () => Promise<string | null>;
  now?: () => number;
};

async function openStaffMode(): Promise<void> {
  const { staffFlows, startStaffMode } = await import('./staff');
  startStaffMode();
  await staffFlows.open();
}

/** The configured chord from main (Electron); null in browser mode, where the default applies. */
async function configuredChord(): Promise<string | null> {
  const api = kioskApi();
  if (!api) return null;
  const hello: unknown = await api.staffHello();
  const chord = (hello as { staffChord?: unknown } | null)?.staffChord;
  return typeof chord === 'string' ? chord : null;
}

/** Installs the gesture and chord listeners on `target`; returns the uninstall function. */
export function installStaffEntry(target: Document, options: StaffEntryOptions = {}): () => void {
  const open =
    options.open ??
    (() => {
      openStaffMode().catch((error: unknown) => log.error('staff mode failed to open', errorData(error)));
    });
  const now = options.now ?? (() => performance.now());
  const tap = createTapCounter();
  let chord: KeyChord | null = parseKeyChord(DEFAULT_STAFF_CHORD);
  (options.chord ?? configuredChord)()
    .then((spec) => {
      const parsed = spec === null ? null : parseKeyChord(spec);
      if (parsed) chord = parsed;
    })
    .catch((error: unknown) => log.warn('staff chord unavailable; using the default', errorData(error)));

  const onPointerDown = (event: PointerEvent): void => {
    if (!event.isPrimary) return;
    const onControl = event.target instanceof Element && event.target.closest(CONTROLS) !== null;
    if (onControl) tap(-1, -1, now());
    else if (tap(event.clientX, event.clientY, now())) open();
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.repeat || chord === null || !matchesChord(keyInput(event), chord)) return;
    event.preventDefault();
    open();
  };
  target.addEventListener('pointerdown', onPointerDown, { capture: true, passive: true });
  target.addEventListener('keydown', onKeyDown, { capture: true });
  return () => {
    target.removeEventListener('pointerdown', onPointerDown, { capture: true });
    target.removeEventListener('keydown', onKeyDown, { capture: true });
  };
}
