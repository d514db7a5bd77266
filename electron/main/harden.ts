/**
 * The lockdown that applies to every web contents and to the session, wired from the pure
 * policies in `electron/shared/policy`. Nothing here decides; it only asks and obeys.
 */
import type { Session, WebContents } from 'electron';
import { isAllowedNavigation, isAllowedRequest } from '../shared/policy/navigation';
import {
  devicePermissionDecision,
  permissionCheckDecision,
  permissionDecision,
} from '../shared/policy/permissions';
import type { Logger } from '../node/log/logger';

export type HardenOptions = {
  readonly appOrigin: string;
  readonly devTools: boolean;
  readonly log: Logger;
};

const clip = (s: string): string => (s.length > 256 ? `${s.slice(0, 256)}…` : s);

/**
 * Apply to every web contents as it is created (`app.on('web-contents-created')`): navigation
 * and redirects only within the app origin (main frame and sub-frames), no new windows, no
 * `<webview>`, no Bluetooth device picker, no DevTools unless developing.
 */
export function hardenWebContents(contents: WebContents, opts: HardenOptions): void {
  const { appOrigin, log } = opts;
  const guard =
    (kind: string) =>
    (event: { url: string; preventDefault(): void }): void => {
      if (isAllowedNavigation(event.url, appOrigin)) return;
      event.preventDefault();
      log.warn('navigation blocked', { kind, url: clip(event.url) });
    };
  contents.on('will-navigate', guard('will-navigate'));
  contents.on('will-frame-navigate', guard('will-frame-navigate'));
  contents.on('will-redirect', guard('will-redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('window.open denied', { url: clip(url) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
  // Without preventDefault Electron picks the first device on its own.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  if (!opts.devTools) {
    contents.on('devtools-opened', () => {
      contents.closeDevTools();
      log.warn('devtools closed');
    });
  }
}

/**
 * Apply once to the kiosk's session: every permission request and check denied, no device
 * pickers, downloads cancelled, no spellchecker, and every request outside the app origin
 * cancelled (the kiosk is offline; a request out is a bug or an attack).
 */
export function hardenSession(ses: Session, opts: HardenOptions): void {
  const { appOrigin, devTools, log } = opts;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = permissionDecision(permission, {
      requestingUrl: details.requestingUrl,
      isMainFrame: details.isMainFrame,
    });
    log.warn('permission request denied', { permission, url: clip(details.requestingUrl) });
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionCheckDecision(permission, requestingOrigin, { isMainFrame: details.isMainFrame }),
  );
  ses.setDevicePermissionHandler((details) => devicePermissionDecision(details.deviceType, details.origin));
  ses.setDisplayMediaRequestHandler((_request, callback) => {
    log.warn('screen capture denied');
    callback(null);
  });
  // Without preventDefault Electron picks the first device on its own.
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('will-download', (event, item) => {
    event.preventDefault();
    log.warn('download cancelled', { url: clip(item.getURL()) });
  });
  ses.setSpellCheckerEnabled(false);
  let refused = 0;
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = isAllowedRequest(details.url, appOrigin, { devTools });
    if (!allowed) {
      refused += 1;
      // A runaway page could ask thousands of times; the first few and then every 100th say enough.
      if (refused <= 20 || refused % 100 === 0)
        log.warn('request blocked', { url: clip(details.url), refused });
    }
    callback({ cancel: !allowed });
  });
}
