import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STAFF_CHORD,
  parseKeyChord,
  shouldBlockInput,
  type KeyChord,
  type KeyInput,
} from '../../../../electron/shared/policy/keys';

type Mods = Partial<Pick<KeyInput, 'control' | 'alt' | 'shift' | 'meta' | 'type'>>;
const key = (k: string, code: string, mods: Mods = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  code,
  control: false,
  alt: false,
  shift: false,
  meta: false,
  ...mods,
});
const ctrl = { control: true };
const ctrlShift = { control: true, shift: true };
const meta = { meta: true };

const staff = parseKeyChord(DEFAULT_STAFF_CHORD);

const blocked: [name: string, input: KeyInput][] = [
  ['F5', key('F5', 'F5')],
  ['F11', key('F11', 'F11')],
  ['F12', key('F12', 'F12')],
  ['F1', key('F1', 'F1')],
  ['F7 (caret browsing)', key('F7', 'F7')],
  ['F24', key('F24', 'F24')],
  ['Shift+F10', key('F10', 'F10', { shift: true })],
  ['F5 key-up', key('F5', 'F5', { type: 'keyUp' })],
  ['Ctrl+R', key('r', 'KeyR', ctrl)],
  ['Ctrl+Shift+R', key('R', 'KeyR', ctrlShift)],
  ['Meta+R', key('r', 'KeyR', meta)],
  ['Ctrl+Shift+I', key('I', 'KeyI', ctrlShift)],
  ['Ctrl+Shift+J', key('J', 'KeyJ', ctrlShift)],
  ['Ctrl+Shift+C', key('C', 'KeyC', ctrlShift)],
  ['Meta+Alt+I', key('i', 'KeyI', { meta: true, alt: true })],
  ['Ctrl+Plus (Shift+=)', key('+', 'Equal', ctrlShift)],
  ['Ctrl+=', key('=', 'Equal', ctrl)],
  ['Ctrl+Minus', key('-', 'Minus', ctrl)],
  ['Ctrl+0', key('0', 'Digit0', ctrl)],
  ['Ctrl+Numpad+', key('+', 'NumpadAdd', ctrl)],
  ['Ctrl+Numpad-', key('-', 'NumpadSubtract', ctrl)],
  ['Ctrl+Numpad0', key('0', 'Numpad0', ctrl)],
  ['Meta+Plus', key('=', 'Equal', meta)],
  ['Alt+F4', key('F4', 'F4', { alt: true })],
  ['Escape', key('Escape', 'Escape')],
  ['Shift+Escape', key('Escape', 'Escape', { shift: true })],
  ['Ctrl+W', key('w', 'KeyW', ctrl)],
  ['Ctrl+F4', key('F4', 'F4', ctrl)],
  ['Ctrl+P', key('p', 'KeyP', ctrl)],
  ['Ctrl+O', key('o', 'KeyO', ctrl)],
  ['Ctrl+N', key('n', 'KeyN', ctrl)],
  ['Ctrl+T', key('t', 'KeyT', ctrl)],
  ['Ctrl+S', key('s', 'KeyS', ctrl)],
  ['Ctrl+U', key('u', 'KeyU', ctrl)],
  ['Ctrl+F', key('f', 'KeyF', ctrl)],
  ['Ctrl+Q', key('q', 'KeyQ', ctrl)],
  ['Ctrl+L', key('l', 'KeyL', ctrl)],
  ['Ctrl+Tab', key('Tab', 'Tab', ctrl)],
  ['Meta+W', key('w', 'KeyW', meta)],
  ['Meta+Q', key('q', 'KeyQ', meta)],
  ['Meta+[', key('[', 'BracketLeft', meta)],
  ['Meta+ArrowLeft', key('ArrowLeft', 'ArrowLeft', meta)],
  ['Alt+ArrowLeft', key('ArrowLeft', 'ArrowLeft', { alt: true })],
  ['Alt+ArrowRight', key('ArrowRight', 'ArrowRight', { alt: true })],
  ['Alt+Home', key('Home', 'Home', { alt: true })],
  ['Alt+letter', key('f', 'KeyF', { alt: true })],
  ['Alt+Space', key(' ', 'Space', { alt: true })],
  ['Ctrl+Alt+I (not AltGr)', key('i', 'KeyI', { control: true, alt: true })],
  [
    'Ctrl+Alt+Shift+K without a configured chord',
    key('K', 'KeyK', { control: true, alt: true, shift: true }),
  ],
  ['Ctrl+Alt+Delete (as far as the page sees it)', key('Delete', 'Delete', { control: true, alt: true })],
  ['BrowserBack', key('BrowserBack', 'BrowserBack')],
  ['BrowserForward', key('BrowserForward', 'BrowserForward')],
  ['BrowserRefresh', key('BrowserRefresh', 'BrowserRefresh')],
  ['BrowserHome', key('BrowserHome', 'BrowserHome')],
  ['ContextMenu key', key('ContextMenu', 'ContextMenu')],
  ['Print key', key('Print', 'Print')],
  ['Ctrl+Shift+A', key('A', 'KeyA', ctrlShift)],
  ['Ctrl+Shift+Delete (clear data)', key('Delete', 'Delete', ctrlShift)],
  ['Ctrl+Enter', key('Enter', 'Enter', ctrl)],
];

const allowed: [name: string, input: KeyInput][] = [
  ['a', key('a', 'KeyA')],
  ['Shift+A', key('A', 'KeyA', { shift: true })],
  ['digit', key('7', 'Digit7')],
  ['Numpad7', key('7', 'Numpad7')],
  ['Enter', key('Enter', 'Enter')],
  ['Tab', key('Tab', 'Tab')],
  ['Backspace', key('Backspace', 'Backspace')],
  ['Space', key(' ', 'Space')],
  ['ArrowLeft', key('ArrowLeft', 'ArrowLeft')],
  ['PageDown', key('PageDown', 'PageDown')],
  ['Chinese IME process key', key('Process', 'KeyN')],
  ['Ctrl+A', key('a', 'KeyA', ctrl)],
  ['Ctrl+C', key('c', 'KeyC', ctrl)],
  ['Ctrl+V', key('v', 'KeyV', ctrl)],
  ['Ctrl+Shift+V', key('V', 'KeyV', ctrlShift)],
  ['Ctrl+X', key('x', 'KeyX', ctrl)],
  ['Ctrl+Z', key('z', 'KeyZ', ctrl)],
  ['Ctrl+Shift+Z', key('Z', 'KeyZ', ctrlShift)],
  ['Ctrl+Y', key('y', 'KeyY', ctrl)],
  ['Meta+C', key('c', 'KeyC', meta)],
  ['Ctrl+ArrowLeft (word left)', key('ArrowLeft', 'ArrowLeft', ctrl)],
  ['Ctrl+Backspace (delete word)', key('Backspace', 'Backspace', ctrl)],
  ['Ctrl+Shift+ArrowRight (select word)', key('ArrowRight', 'ArrowRight', ctrlShift)],
  ['AltGr+Q = @ (German layout on Windows)', key('@', 'KeyQ', { control: true, alt: true })],
  ['AltGr+E = € (Windows)', key('€', 'KeyE', { control: true, alt: true })],
  ['AltGr+7 = { (Windows)', key('{', 'Digit7', { control: true, alt: true })],
  ['AltGr on Linux (no Ctrl/Alt flags)', key('@', 'KeyQ')],
  ['lone Control', key('Control', 'ControlLeft', ctrl)],
  ['lone Alt', key('Alt', 'AltLeft', { alt: true })],
  ['lone Shift', key('Shift', 'ShiftLeft', { shift: true })],
  ['lone Meta', key('Meta', 'MetaLeft', meta)],
  ['media play/pause', key('MediaPlayPause', 'MediaPlayPause')],
];

describe('shouldBlockInput (no staff chord)', () => {
  it.each(blocked)('blocks %s', (_name, input) => {
    expect(shouldBlockInput(input, null)).toBe(true);
  });
  it.each(allowed)('lets through %s', (_name, input) => {
    expect(shouldBlockInput(input, null)).toBe(false);
  });
});

describe('shouldBlockInput (staff chord Ctrl+Alt+Shift+K)', () => {
  it('parses the default chord', () => {
    expect(staff).toEqual({ control: true, alt: true, shift: true, meta: false, code: 'KeyK' });
  });
  it.each([
    ['keyDown', key('K', 'KeyK', { control: true, alt: true, shift: true })],
    ['keyUp', key('K', 'KeyK', { control: true, alt: true, shift: true, type: 'keyUp' })],
    ['another layout (code, not key)', key('Л', 'KeyK', { control: true, alt: true, shift: true })],
  ])('lets the chord through: %s', (_name, input) => {
    expect(shouldBlockInput(input, staff)).toBe(false);
  });
  it.each([
    ['missing Shift', key('k', 'KeyK', { control: true, alt: true })],
    ['extra Meta', key('K', 'KeyK', { control: true, alt: true, shift: true, meta: true })],
    ['another letter', key('J', 'KeyJ', { control: true, alt: true, shift: true })],
  ])('near misses are still blocked: %s', (_name, input) => {
    expect(shouldBlockInput(input, staff)).toBe(true);
  });
  it.each(blocked.filter(([name]) => !name.includes('without a configured chord')))(
    'still blocks %s',
    (_name, input) => {
      expect(shouldBlockInput(input, staff)).toBe(true);
    },
  );
});

describe('a staff chord can unblock an otherwise blocked key', () => {
  it('Ctrl+Alt+F9', () => {
    const chord = parseKeyChord('Ctrl+Alt+F9');
    expect(shouldBlockInput(key('F9', 'F9', { control: true, alt: true }), chord)).toBe(false);
    expect(shouldBlockInput(key('F9', 'F9'), chord)).toBe(true);
  });
});

const chordCases: [spec: string, chord: KeyChord | null][] = [
  ['Ctrl+Alt+Shift+K', { control: true, alt: true, shift: true, meta: false, code: 'KeyK' }],
  ['control + alt + k', { control: true, alt: true, shift: false, meta: false, code: 'KeyK' }],
  ['Meta+Shift+9', { control: false, alt: false, shift: true, meta: true, code: 'Digit9' }],
  ['Super+F9', { control: false, alt: false, shift: false, meta: true, code: 'F9' }],
  ['Ctrl+Alt+Numpad5', { control: true, alt: true, shift: false, meta: false, code: 'Numpad5' }],
  ['Option+Cmd+Space', { control: false, alt: true, shift: false, meta: true, code: 'Space' }],
  ['K', null],
  ['Shift+K', null],
  ['', null],
  ['Ctrl+', null],
  ['Ctrl+Ctrl+K', null],
  ['Hyper+K', null],
  ['Ctrl+Alt+F25', null],
  ['Ctrl+Alt+kk', null],
  ['Ctrl+Alt+@', null],
];

describe('parseKeyChord', () => {
  it.each(chordCases)('%j', (spec, chord) => {
    expect(parseKeyChord(spec)).toEqual(chord);
  });
});
