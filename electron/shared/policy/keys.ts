/**
 * Keyboard lockdown for `before-input-event`. A hall kiosk is touch-first, but a keyboard may be
 * plugged in (maintenance, a barcode scanner, a curious visitor). Nothing a keyboard does may
 * reload, zoom, print, open DevTools, leave fullscreen, navigate back or close the window.
 *
 * The policy is an allowlist for modified keys: plain typing and text editing pass, every other
 * combination with Ctrl/Meta/Alt is blocked. A configured staff chord always passes so the
 * renderer can open the staff screen.
 */

/** The fields of Electron's `Input` the policy reads. */
export type KeyInput = {
  readonly type: string;
  readonly key: string;
  readonly code: string;
  readonly control: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
};

/** A key combination, matched on `code` (layout-independent) with exact modifiers. */
export type KeyChord = {
  readonly control: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
  /** `KeyboardEvent.code`, e.g. `KeyK`, `Digit7`, `F9`. */
  readonly code: string;
};

/** The staff chord used when configuration does not name one. */
export const DEFAULT_STAFF_CHORD = 'Ctrl+Alt+Shift+K';

const MODIFIER_NAMES: Record<string, 'control' | 'alt' | 'shift' | 'meta'> = {
  ctrl: 'control',
  control: 'control',
  alt: 'alt',
  option: 'alt',
  shift: 'shift',
  meta: 'meta',
  super: 'meta',
  cmd: 'meta',
  command: 'meta',
  win: 'meta',
};

function keyTokenToCode(token: string): string | null {
  if (/^[a-z]$/i.test(token)) return `Key${token.toUpperCase()}`;
  if (/^[0-9]$/.test(token)) return `Digit${token}`;
  if (/^f\d+$/i.test(token)) return /^f([1-9]|1[0-9]|2[0-4])$/i.test(token) ? token.toUpperCase() : null;
  // Anything else must already be a `KeyboardEvent.code` such as `Space` or `Numpad5`.
  if (/^[A-Z][A-Za-z0-9]+$/.test(token)) return token;
  return null;
}

/**
 * Parse a chord such as `Ctrl+Alt+Shift+K`. Modifiers are case-insensitive (`Ctrl`/`Control`,
 * `Alt`/`Option`, `Shift`, `Meta`/`Super`/`Cmd`/`Win`); the key is a letter, a digit, `F1`–`F24`
 * or a `KeyboardEvent.code`. Returns `null` for anything malformed, for repeated modifiers, and
 * for chords without Ctrl, Alt or Meta (a visitor must not hit it by typing).
 */
export function parseKeyChord(spec: string): KeyChord | null {
  const tokens = spec.split('+').map((t) => t.trim());
  const keyToken = tokens.pop();
  if (keyToken === undefined || keyToken === '') return null;
  const mods = { control: false, alt: false, shift: false, meta: false };
  for (const token of tokens) {
    const name = MODIFIER_NAMES[token.toLowerCase()];
    if (name === undefined || mods[name]) return null;
    mods[name] = true;
  }
  if (!mods.control && !mods.alt && !mods.meta) return null;
  const code = keyTokenToCode(keyToken);
  if (code === null) return null;
  return { ...mods, code };
}

/** Exact match: same `code`, and each modifier pressed if and only if the chord has it. */
export function matchesChord(input: KeyInput, chord: KeyChord): boolean {
  return (
    input.code === chord.code &&
    input.control === chord.control &&
    input.alt === chord.alt &&
    input.shift === chord.shift &&
    input.meta === chord.meta
  );
}

const MODIFIER_KEYS = new Set(['Control', 'Alt', 'AltGraph', 'Shift', 'Meta', 'OS', 'Hyper', 'Super']);

// Keys whose only purpose is browser or system chrome (codes and key values share these names).
const CHROME_KEYS = new Set([
  'Escape',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserStop',
  'BrowserSearch',
  'BrowserFavorites',
  'BrowserHome',
  'ContextMenu',
  'Help',
  'Find',
  'Open',
  'Print',
  'Props',
  'ZoomIn',
  'ZoomOut',
  'ZoomToggle',
  'LaunchApp1',
  'LaunchApp2',
  'LaunchMail',
  'Close',
]);

const FUNCTION_KEY = /^F([1-9]|1[0-9]|2[0-4])$/;

// Ctrl/Meta + these letters are text editing: select all, copy, paste, cut, undo, redo.
const EDITING_LETTERS = new Set(['KeyA', 'KeyC', 'KeyV', 'KeyX', 'KeyZ', 'KeyY']);
// …and Shift may join only for redo (Ctrl+Shift+Z) and plain paste (Ctrl+Shift+V);
// Ctrl+Shift+C / I / J open DevTools in Chromium.
const EDITING_WITH_SHIFT = new Set(['KeyZ', 'KeyV']);
// Ctrl + these move (Shift: select) by word inside a text field…
const CTRL_CARET_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);
// …and Ctrl + these delete a word (without Shift: Ctrl+Shift+Delete is "clear browsing data").
const CTRL_DELETE_KEYS = new Set(['Backspace', 'Delete']);

function isEditingCombo(input: KeyInput): boolean {
  if (input.alt) return false;
  if (EDITING_LETTERS.has(input.code)) return !input.shift || EDITING_WITH_SHIFT.has(input.code);
  if (!input.control || input.meta) return false;
  return CTRL_CARET_KEYS.has(input.code) || (!input.shift && CTRL_DELETE_KEYS.has(input.code));
}

// On Windows AltGr arrives as Ctrl+Alt. Let it type a character that differs from the key's
// own letter or digit (e.g. AltGr+Q → "@" on a German layout); block Ctrl+Alt+letter otherwise.
function isAltGrCharacter(input: KeyInput): boolean {
  if (input.meta || [...input.key].length !== 1) return false;
  const letter = /^Key([A-Z])$/.exec(input.code);
  if (letter) return input.key.toUpperCase() !== letter[1];
  const digit = /^Digit([0-9])$/.exec(input.code);
  if (digit) return input.key !== digit[1];
  return true;
}

/**
 * Should `before-input-event` swallow this key event? Blocks, among others: F1–F24 (F5, F11,
 * F12 …), Escape, Ctrl/Meta+R, Ctrl+Shift+R/I/J/C, Ctrl+Plus/Minus/=/0 and their numpad keys,
 * Ctrl+W/P/O/N/T/S/U/F/Q/L, Alt+F4, Alt+Left/Right/Home, browser and context-menu keys. Lets
 * through: plain typing, Shift+character, Ctrl/Meta+A/C/V/X/Z/Y, Ctrl+arrows/Home/End/Backspace/
 * Delete, AltGr characters, lone modifier presses, and the staff chord (exact match).
 */
export function shouldBlockInput(input: KeyInput, staffChord: KeyChord | null): boolean {
  if (staffChord !== null && matchesChord(input, staffChord)) return false;
  if (MODIFIER_KEYS.has(input.key)) return false;
  if (FUNCTION_KEY.test(input.code) || FUNCTION_KEY.test(input.key)) return true;
  if (CHROME_KEYS.has(input.code) || CHROME_KEYS.has(input.key)) return true;
  if (input.control && input.alt) return !isAltGrCharacter(input);
  if (input.alt) return true;
  if (input.control || input.meta) return !isEditingCombo(input);
  return false;
}
