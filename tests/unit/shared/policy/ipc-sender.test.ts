import { describe, expect, it } from 'vitest';
import { isTrustedSender, type IpcSenderInfo } from '../../../../electron/shared/policy/ipc-sender';
import { HALL_ORIGIN } from '../../../../electron/shared/policy/scheme';

const MAIN_ID = 7;
const ok: IpcSenderInfo = { frameUrl: 'hall://kiosk/index.html', isMainFrame: true, webContentsId: MAIN_ID };

const cases: [name: string, sender: IpcSenderInfo, mainId: number | null, trusted: boolean][] = [
  ['the kiosk page', ok, MAIN_ID, true],
  ['the kiosk page with a hash route', { ...ok, frameUrl: 'hall://kiosk/#/staff' }, MAIN_ID, true],
  ['a sub-frame of the kiosk page', { ...ok, isMainFrame: false }, MAIN_ID, false],
  ['another web contents', { ...ok, webContentsId: 8 }, MAIN_ID, false],
  ['no window yet', ok, null, false],
  ['a destroyed frame', { ...ok, frameUrl: null }, MAIN_ID, false],
  ['a look-alike host', { ...ok, frameUrl: 'hall://kiosk.evil/' }, MAIN_ID, false],
  ['credentials in the URL', { ...ok, frameUrl: 'hall://kiosk@evil/' }, MAIN_ID, false],
  ['a remote page', { ...ok, frameUrl: 'https://example.com/' }, MAIN_ID, false],
  ['a file page', { ...ok, frameUrl: 'file:///tmp/x.html' }, MAIN_ID, false],
  ['about:blank', { ...ok, frameUrl: 'about:blank' }, MAIN_ID, false],
  ['a data page', { ...ok, frameUrl: 'data:text/html,hi' }, MAIN_ID, false],
  ['DevTools', { ...ok, frameUrl: 'devtools://devtools/bundled/inspector.html' }, MAIN_ID, false],
  ['an empty URL', { ...ok, frameUrl: '' }, MAIN_ID, false],
];

describe('isTrustedSender', () => {
  it.each(cases)('%s → %s', (_name, sender, mainWebContentsId, trusted) => {
    expect(isTrustedSender(sender, { appOrigin: HALL_ORIGIN, mainWebContentsId })).toBe(trusted);
  });
});
