import { describe, expect, it } from 'vitest';
import {
  isAllowedNavigation,
  isAllowedRequest,
  isAppUrl,
} from '../../../../electron/shared/policy/navigation';
import { HALL_ORIGIN } from '../../../../electron/shared/policy/scheme';

const navigationCases: [url: string, allowed: boolean][] = [
  ['hall://kiosk/', true],
  ['hall://kiosk/index.html', true],
  ['hall://kiosk/index.html#/timeline/1', true],
  ['hall://kiosk/pack/media/intro.webm?t=3', true],
  ['HALL://kiosk/', true], // schemes are case-insensitive
  ['hall://kiosk', true],
  ['hall://kiosk/../../etc/passwd', true], // path normalised, still our origin; the handler guards paths
  ['hall://kiosk.evil/', false],
  ['hall://kiosk.evil.com/index.html', false],
  ['hall://kiosk@evil/', false],
  ['hall://user:pass@kiosk/', false],
  ['hall://evil@kiosk/', false],
  ['hall://kiosk:8080/', false],
  ['hall://KIOSK/', false], // real URLs from Chromium are canonical lower case
  ['hall://evil/kiosk', false],
  ['hall://evilkiosk/', false],
  ['hall://kiosk%2eevil/', false],
  ['hall:kiosk/index.html', false],
  ['hall:///kiosk/', false],
  ['hall://kiosk\\evil/', false],
  ['hallx://kiosk/', false],
  ['hal://kiosk/', false],
  ['javascript:alert(1)', false],
  ['JavaScript:alert(1)', false],
  ['data:text/html,<script>alert(1)</script>', false],
  ['file:///etc/passwd', false],
  ['file://kiosk/index.html', false],
  ['http://kiosk/', false],
  ['https://example.com/', false],
  ['https://kiosk/', false],
  ['http://127.0.0.1:8080/', false],
  ['blob:hall://kiosk/3f1d2f1e-0000-4000-8000-000000000000', false],
  ['blob:https://evil.example/3f1d2f1e', false],
  ['about:blank', false],
  ['about:srcdoc', false],
  ['chrome://gpu', false],
  ['devtools://devtools/bundled/inspector.html', false],
  ['view-source:hall://kiosk/', false],
  ['ws://127.0.0.1/', false],
  ['', false],
  ['kiosk/index.html', false],
  ['/index.html', false],
  ['//kiosk/', false],
];

describe('isAllowedNavigation', () => {
  it.each(navigationCases)('%s → %s', (url, allowed) => {
    expect(isAllowedNavigation(url, HALL_ORIGIN)).toBe(allowed);
  });

  it('refuses everything when the app origin itself is malformed', () => {
    expect(isAllowedNavigation('hall://kiosk/', 'not a url')).toBe(false);
    expect(isAllowedNavigation('hall://kiosk/', 'hall://a@kiosk')).toBe(false);
    expect(isAllowedNavigation('hall:', 'hall:')).toBe(false);
  });

  it('works for another port-less app origin, and refuses app origins with a port', () => {
    expect(isAppUrl('http://127.0.0.1:4173/index.html', 'http://127.0.0.1:4173')).toBe(false);
    expect(isAppUrl('http://localhost/x', 'http://localhost')).toBe(true);
    expect(isAppUrl('http://localhost.evil/x', 'http://localhost')).toBe(false);
  });
});

const requestCases: [url: string, devTools: boolean, allowed: boolean][] = [
  ['hall://kiosk/pack/pack.json', false, true],
  ['hall://kiosk/assets/index-abc.js', false, true],
  ['data:image/png;base64,AAAA', false, true],
  ['blob:hall://kiosk/3f1d2f1e-0000-4000-8000-000000000000', false, true],
  ['blob:https://evil.example/3f1d2f1e', false, false],
  ['blob:null/3f1d2f1e', false, false],
  ['https://fonts.googleapis.com/css', false, false],
  ['http://127.0.0.1:9222/json', false, false],
  ['wss://example.com/socket', false, false],
  ['ftp://example.com/', false, false],
  ['file:///etc/passwd', false, false],
  ['hall://kiosk.evil/x', false, false],
  ['devtools://devtools/bundled/inspector.html', false, false],
  ['devtools://devtools/bundled/inspector.html', true, true],
  ['https://example.com/', true, false],
  ['not a url', false, false],
];

describe('isAllowedRequest', () => {
  it.each(requestCases)('%s (devTools %s) → %s', (url, devTools, allowed) => {
    expect(isAllowedRequest(url, HALL_ORIGIN, { devTools })).toBe(allowed);
  });
});
