/**
 * Who may call the main process. Checked for every IPC message before arguments are even parsed.
 */
import { isAppUrl } from './navigation';

/** What main knows about the frame that sent an IPC message. */
export type IpcSenderInfo = {
  /** URL of the sending frame; `null` when the frame is gone (navigated away or destroyed). */
  readonly frameUrl: string | null;
  /** Whether the sending frame is its page's top frame. */
  readonly isMainFrame: boolean;
  /** `webContents.id` of the sender. */
  readonly webContentsId: number;
};

/** What a sender must match. */
export type TrustedSenderPolicy = {
  /** The app origin, e.g. `hall://kiosk`. */
  readonly appOrigin: string;
  /** `webContents.id` of the kiosk window; `null` while no window exists (then nobody is trusted). */
  readonly mainWebContentsId: number | null;
};

/**
 * True only for the kiosk window's own top frame showing a page of the app origin. Sub-frames,
 * other web contents (DevTools, a window that should never have opened), a frame that has
 * navigated elsewhere, or a destroyed frame are refused.
 */
export function isTrustedSender(sender: IpcSenderInfo, policy: TrustedSenderPolicy): boolean {
  if (policy.mainWebContentsId === null || sender.webContentsId !== policy.mainWebContentsId) return false;
  if (!sender.isMainFrame || sender.frameUrl === null) return false;
  return isAppUrl(sender.frameUrl, policy.appOrigin);
}
