import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { memoryLogger } from '../../../electron/node/log/logger';
import { hardenSession, hardenWebContents } from '../../../electron/main/harden';
import { FakeSession, FakeWebContents, fakeEvent } from './fake-electron';

const asContents = (wc: FakeWebContents): WebContents => wc as unknown as WebContents;
const asSession = (s: FakeSession): Session => s as unknown as Session;

function contents(devTools = false) {
  const wc = new FakeWebContents();
  const log = memoryLogger();
  hardenWebContents(asContents(wc), { appOrigin: 'hall://kiosk', devTools, log });
  return { wc, log };
}

describe('hardenWebContents', () => {
  describe.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s', (eventName) => {
    it.each([
      ['hall://kiosk/index.html#/timeline', false],
      ['https://example.com/', true],
      ['hall://kiosk.evil/', true],
      ['file:///etc/passwd', true],
      ['javascript:alert(1)', true],
    ])('%s → prevented: %s', (url, prevented) => {
      const { wc, log } = contents();
      const event = fakeEvent({ url });
      wc.emit(eventName, event);
      expect(event.defaultPrevented).toBe(prevented);
      expect(log.find('navigation blocked')).toHaveLength(prevented ? 1 : 0);
    });
  });

  it('denies every window.open, even to our own origin', () => {
    const { wc } = contents();
    expect(wc.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler?.({ url: 'hall://kiosk/' })).toEqual({ action: 'deny' });
  });

  it('never attaches a <webview>', () => {
    const { wc } = contents();
    const event = fakeEvent();
    wc.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('cancels the Bluetooth picker instead of letting Electron pick a device', () => {
    const { wc } = contents();
    const event = fakeEvent();
    const callback = vi.fn();
    wc.emit('select-bluetooth-device', event, [{ deviceId: 'a' }], callback);
    expect(event.defaultPrevented).toBe(true);
    expect(callback).toHaveBeenCalledWith('');
  });

  it('closes DevTools unless developing', () => {
    const locked = contents(false);
    locked.wc.emit('devtools-opened');
    expect(locked.wc.closeDevTools).toHaveBeenCalledTimes(1);
    const dev = contents(true);
    dev.wc.emit('devtools-opened');
    expect(dev.wc.closeDevTools).not.toHaveBeenCalled();
  });
});

function hardened(devTools = false) {
  const ses = new FakeSession();
  const log = memoryLogger();
  hardenSession(asSession(ses), { appOrigin: 'hall://kiosk', devTools, log });
  return { ses, log };
}

describe('hardenSession', () => {
  it.each(['media', 'geolocation', 'notifications', 'fullscreen', 'clipboard-read', 'openExternal', 'hid'])(
    'denies a %s request and logs it',
    (permission) => {
      const { ses, log } = hardened();
      const callback = vi.fn();
      ses.permissionRequestHandler?.({}, permission, callback, {
        requestingUrl: 'hall://kiosk/',
        isMainFrame: true,
      });
      expect(callback).toHaveBeenCalledWith(false);
      expect(log.find('permission request denied')).toHaveLength(1);
    },
  );

  it.each(['media', 'clipboard-sanitized-write', 'usb', 'serial'])('denies a %s check', (permission) => {
    const { ses } = hardened();
    expect(ses.permissionCheckHandler?.(null, permission, 'hall://kiosk', { isMainFrame: true })).toBe(false);
  });

  it('denies device access and screen capture', () => {
    const { ses } = hardened();
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb', origin: 'hall://kiosk' })).toBe(false);
    const cb = vi.fn();
    ses.displayMediaRequestHandler?.({}, cb);
    expect(cb).toHaveBeenCalledWith(null);
  });

  it.each([
    ['select-hid-device', (cb: unknown) => [{ deviceList: [] }, cb], null],
    ['select-serial-port', (cb: unknown) => [[{ portId: 'p' }], {}, cb], ''],
    ['select-usb-device', (cb: unknown) => [{ deviceList: [] }, cb], undefined],
  ] as const)('%s picks nothing', (eventName, args, expected) => {
    const { ses } = hardened();
    const event = fakeEvent();
    const cb = vi.fn();
    ses.emit(eventName, event, ...args(cb));
    expect(event.defaultPrevented).toBe(true);
    if (expected === undefined) expect(cb).toHaveBeenCalledWith();
    else expect(cb).toHaveBeenCalledWith(expected);
  });

  it('cancels downloads', () => {
    const { ses, log } = hardened();
    const event = fakeEvent();
    ses.emit('will-download', event, { getURL: () => 'hall://kiosk/pack/x.zip' }, {});
    expect(event.defaultPrevented).toBe(true);
    expect(log.find('download cancelled')).toHaveLength(1);
  });

  it('turns the spellchecker off', () => {
    expect(hardened().ses.spellChecker).toBe(false);
  });

  it.each([
    ['hall://kiosk/pack/pack.json', false, false],
    ['https://fonts.example/x.woff2', false, true],
    ['http://127.0.0.1:9/', false, true],
    ['devtools://devtools/bundled/x.js', false, true],
    ['devtools://devtools/bundled/x.js', true, false],
  ])('request %s (devTools %s) cancelled: %s', (url, devTools, cancel) => {
    const { ses } = hardened(devTools);
    const cb = vi.fn();
    ses.webRequest.onBeforeRequestListener?.({ url }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel });
  });

  it('rate-limits the log of blocked requests', () => {
    const { ses, log } = hardened();
    for (let i = 0; i < 250; i += 1)
      ses.webRequest.onBeforeRequestListener?.({ url: `https://x.example/${i}` }, () => undefined);
    expect(log.find('request blocked')).toHaveLength(22); // 1–20, 100, 200
  });
});
