import { describe, expect, it } from 'vitest';
import { kioskWindowOptions, type KioskWindowInput } from '../../../../electron/shared/policy/window-options';

const production: KioskWindowInput = {
  preloadPath: '/opt/hall/resources/app.asar/dist-electron/preload.cjs',
  devTools: false,
  fullscreen: true,
  display: { x: 1920, y: 0, width: 3840, height: 2160 },
};
const development: KioskWindowInput = {
  preloadPath: '/work/dist-electron/preload.cjs',
  devTools: true,
  fullscreen: false,
  display: null,
};

// Every web preference that matters for security, for both modes (only devTools may differ).
const webPreferenceTable: [name: string, production: unknown, development: unknown][] = [
  ['contextIsolation', true, true],
  ['sandbox', true, true],
  ['webSecurity', true, true],
  ['nodeIntegration', false, false],
  ['nodeIntegrationInWorker', false, false],
  ['nodeIntegrationInSubFrames', false, false],
  ['allowRunningInsecureContent', false, false],
  ['experimentalFeatures', false, false],
  ['webviewTag', false, false],
  ['navigateOnDragDrop', false, false],
  ['enableWebSQL', false, false],
  ['plugins', false, false],
  ['spellcheck', false, false],
  ['disableDialogs', true, true],
  ['devTools', false, true],
  ['autoplayPolicy', 'no-user-gesture-required', 'no-user-gesture-required'],
  ['backgroundThrottling', false, false],
  ['zoomFactor', 1, 1],
  ['enableBlinkFeatures', undefined, undefined],
  ['additionalArguments', undefined, undefined],
  ['partition', undefined, undefined],
];

describe('kioskWindowOptions web preferences', () => {
  const prod = kioskWindowOptions(production).webPreferences as Record<string, unknown>;
  const devp = kioskWindowOptions(development).webPreferences as Record<string, unknown>;
  it.each(webPreferenceTable)('%s: production %j, development %j', (name, p, d) => {
    expect(prod[name]).toEqual(p);
    expect(devp[name]).toEqual(d);
  });
  it('sets the preload given', () => {
    expect(prod.preload).toBe(production.preloadPath);
  });
  it('sets nothing the table does not know about', () => {
    const known = new Set([...webPreferenceTable.map(([n]) => n), 'preload', 'defaultEncoding']);
    expect(Object.keys(prod).filter((k) => !known.has(k))).toEqual([]);
  });
});

const windowTable: [name: string, production: unknown, development: unknown][] = [
  ['kiosk', true, false],
  ['fullscreen', true, false],
  ['frame', false, true],
  ['resizable', false, true],
  ['closable', false, true],
  ['show', false, false],
  ['autoHideMenuBar', true, true],
  ['x', 1920, undefined],
  ['y', 0, undefined],
  ['width', 3840, 1600],
  ['height', 2160, 900],
];

describe('kioskWindowOptions window', () => {
  const prod = kioskWindowOptions(production) as Record<string, unknown>;
  const dev = kioskWindowOptions(development) as Record<string, unknown>;
  it.each(windowTable)('%s: production %j, development %j', (name, p, d) => {
    expect(prod[name]).toEqual(p);
    expect(dev[name]).toEqual(d);
  });
  it('has an opaque dark background (no white flash)', () => {
    expect(prod.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
  });
  it('returns a fresh object each call (callers may not share mutations)', () => {
    expect(kioskWindowOptions(production)).not.toBe(kioskWindowOptions(production));
    expect(kioskWindowOptions(production)).toEqual(kioskWindowOptions(production));
  });
});
