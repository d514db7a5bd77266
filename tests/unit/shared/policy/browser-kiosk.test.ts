import { describe, expect, it } from 'vitest';
import {
  chromiumManagedPolicy,
  decidePageRestart,
  decideTarget,
  DEFAULT_RESTART_POLICY,
  isAllowedDocumentRequest,
  isKioskUrl,
  kioskOriginOf,
  nextRestart,
  PAGE_RESTART_MIN_GAP_MS,
} from '../../../../electron/shared/policy/browser-kiosk';
import type { RestartState } from '../../../../electron/shared/policy/browser-kiosk';

const ORIGIN = 'http://127.0.0.1:5391';

describe('kioskOriginOf', () => {
  it.each([
    ['http://127.0.0.1:5391/', 'http://127.0.0.1:5391'],
    ['http://127.0.0.1:5391/index.html?x#y', 'http://127.0.0.1:5391'],
    ['http://localhost/', 'http://localhost'],
    ['file:///srv/kiosk/index.html', null],
    ['hall://kiosk/', null],
    ['not a url', null],
  ])('%s → %s', (url, origin) => expect(kioskOriginOf(url)).toBe(origin));
});

describe('isKioskUrl / isAllowedDocumentRequest', () => {
  it.each([
    ['http://127.0.0.1:5391/', true],
    ['http://127.0.0.1:5391/pack/media/a.mp4', true],
    ['http://127.0.0.1:5391/?lang=en#staff', true],
    ['http://127.0.0.1:5392/', false],
    ['http://127.0.0.1:53910/', false],
    ['https://127.0.0.1:5391/', false],
    ['http://localhost:5391/', false],
    ['http://127.0.0.1:5391@evil.example/', false],
    ['http://user:pw@127.0.0.1:5391/', false],
    ['file:///', false],
    ['file:///root/.hall-data/config.json', false],
    ['FILE:///etc/passwd', false],
    ['chrome://newtab/', false],
    ['chrome://settings/', false],
    ['view-source:http://127.0.0.1:5391/', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['data:text/html,<h1>x</h1>', false],
    ['javascript:alert(1)', false],
    ['about:blank', false],
    ['https://example.com/', false],
    ['', false],
  ])('%s → %s', (url, allowed) => {
    expect(isKioskUrl(url, ORIGIN)).toBe(allowed);
    expect(isAllowedDocumentRequest(url, ORIGIN)).toBe(allowed);
  });
});

describe('decideTarget', () => {
  const kiosk = { targetId: 'K', type: 'page', url: 'http://127.0.0.1:5391/' };
  it.each([
    // [what, target, adopted kiosk id, decision]
    ['the first kiosk page is adopted', kiosk, null, { action: 'adopt' }],
    ['the kiosk page stays', kiosk, 'K', { action: 'keep' }],
    [
      'the kiosk page before its first commit stays',
      { ...kiosk, url: 'about:blank' },
      'K',
      { action: 'keep' },
    ],
    [
      'the kiosk page showing a file restarts Chromium',
      { ...kiosk, url: 'file:///etc/' },
      'K',
      { action: 'restart', reason: 'kiosk-left-origin' },
    ],
    [
      'Ctrl+N / Ctrl+T new tab page is closed',
      { targetId: 'N', type: 'page', url: 'chrome://newtab/' },
      'K',
      { action: 'close', reason: 'new-window' },
    ],
    [
      'a second window on the kiosk origin is closed too',
      { targetId: 'N', type: 'page', url: 'http://127.0.0.1:5391/' },
      'K',
      { action: 'close', reason: 'new-window' },
    ],
    [
      'a popup starting blank is closed',
      { targetId: 'N', type: 'page', url: '' },
      'K',
      { action: 'close', reason: 'new-window' },
    ],
    [
      'a blank first page is left until it says where it is',
      { targetId: 'F', type: 'page', url: 'about:blank' },
      null,
      { action: 'keep' },
    ],
    [
      'a new window before the kiosk page is adopted is not the kiosk',
      { targetId: 'N', type: 'page', url: 'chrome://newtab/' },
      null,
      { action: 'close', reason: 'new-window' },
    ],
    [
      'DevTools as a page is closed',
      { targetId: 'D', type: 'page', url: 'devtools://devtools/bundled/devtools_app.html' },
      'K',
      { action: 'close', reason: 'devtools' },
    ],
    [
      'DevTools as "other" is closed',
      { targetId: 'D', type: 'other', url: 'devtools://devtools/bundled/inspector.html' },
      'K',
      { action: 'close', reason: 'devtools' },
    ],
    [
      'an unknown window type is closed',
      { targetId: 'X', type: 'future_window', url: 'chrome://x/' },
      'K',
      { action: 'close', reason: 'new-window' },
    ],
    [
      'a webview is closed',
      { targetId: 'W', type: 'webview', url: 'https://example.com/' },
      'K',
      { action: 'close', reason: 'new-window' },
    ],
    [
      'browser UI of a window is left to go with its window',
      { targetId: 'U', type: 'browser_ui', url: 'chrome://omnibox-popup.top-chrome/' },
      'K',
      { action: 'keep' },
    ],
    ['the browser target is kept', { targetId: 'B', type: 'browser', url: '' }, 'K', { action: 'keep' }],
    [
      "the kiosk's own worker is kept",
      { targetId: 'S', type: 'service_worker', url: 'http://127.0.0.1:5391/sw.js' },
      'K',
      { action: 'keep' },
    ],
    [
      'a foreign worker is closed',
      { targetId: 'S', type: 'shared_worker', url: 'chrome://x/worker.js' },
      'K',
      { action: 'close', reason: 'foreign-worker' },
    ],
  ] as const)('%s', (_what, target, kioskId, decision) => {
    expect(decideTarget(target, ORIGIN, kioskId)).toEqual(decision);
  });
});

describe('nextRestart', () => {
  it('backs off 0.5 s, 1 s, 2 s … up to 30 s while Chromium keeps dying', () => {
    let state: RestartState = { quickExits: 0 };
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const next = nextRestart(state, 2_000);
      delays.push(next.delayMs);
      state = next.state;
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });
  it('starts again from 0.5 s after a Chromium that ran for a minute', () => {
    const next = nextRestart({ quickExits: 7 }, DEFAULT_RESTART_POLICY.stableAfterMs);
    expect(next).toEqual({ delayMs: 500, state: { quickExits: 1 } });
  });
  it('never overflows after months of failures', () => {
    const next = nextRestart({ quickExits: 1e6 }, 0);
    expect(next.delayMs).toBe(30_000);
  });
});

describe('chromiumManagedPolicy', () => {
  const policy = chromiumManagedPolicy('http://127.0.0.1:5391');
  it('blocks every URL but the kiosk origin, file:// by name', () => {
    expect(policy['URLBlocklist']).toEqual(expect.arrayContaining(['file://*', '*']));
    expect(policy['URLAllowlist']).toEqual(['http://127.0.0.1:5391']);
    expect(chromiumManagedPolicy('http://127.0.0.1')['URLAllowlist']).toEqual(['http://127.0.0.1']);
  });
  it('turns off DevTools, incognito, guests, sign-in, file dialogs and downloads', () => {
    expect(policy).toMatchObject({
      DeveloperToolsAvailability: 2,
      IncognitoModeAvailability: 1,
      BrowserGuestModeEnabled: false,
      BrowserAddPersonEnabled: false,
      BrowserSignin: 0,
      AllowFileSelectionDialogs: false,
      DownloadRestrictions: 3,
      TaskManagerEndProcessEnabled: false,
    });
  });
  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(policy))).toEqual(policy);
  });
});

describe('decidePageRestart: the kiosk page asks for a Chromium restart', () => {
  const now = 1_800_000_000_000;
  it('carries out the nightly restart', () => {
    expect(decidePageRestart('nightly', null, now)).toEqual({ restart: true, reason: 'nightly' });
    expect(decidePageRestart('nightly', now - PAGE_RESTART_MIN_GAP_MS, now)).toEqual({
      restart: true,
      reason: 'nightly',
    });
  });
  it('refuses a second ask within the gap, saying when the last one was', () => {
    const d = decidePageRestart('nightly', now - 5_000, now);
    expect(d.restart).toBe(false);
    if (!d.restart) expect(d.why).toMatch(/5 s after the last restart.*30 min/);
  });
  it('refuses any other reason, quoting it (cut short)', () => {
    const d = decidePageRestart('x'.repeat(100), null, now);
    expect(d.restart).toBe(false);
    if (!d.restart) expect(d.why).toBe(`unknown restart reason "${'x'.repeat(40)}"`);
    expect(decidePageRestart('memory', null, now).restart).toBe(false);
  });
});
