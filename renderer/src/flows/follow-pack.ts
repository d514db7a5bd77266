/**
 * The page follows the pack the kiosk process serves: when a schedule (or a technician) switched
 * packs in the store, `kiosk:status` names another pack than the one on screen, and the page
 * reloads itself at its next idle moment — on attract (or the closed screen), never in front of a
 * visitor. Polled, so it works the same over IPC and over the loopback hall server.
 */
import type { ActivePackInfo } from '../../../electron/shared/ipc-contract';
import { callKiosk } from '../bridge/kiosk-calls';
import { log } from '../bridge/log';
import type { ContentStore } from '../stores/content-store';
import { contentStore, selectManifest } from '../stores/content-store';
import type { SessionStore } from '../stores/session-store';
import { sessionStore } from '../stores/session-store';

export const FOLLOW_POLL_MS = 15_000;

export type PackFollowOptions = {
  session?: SessionStore;
  content?: ContentStore;
  /** The pack the kiosk serves now; undefined when it cannot say. */
  status?: () => Promise<ActivePackInfo | undefined>;
  reload?: () => void;
  intervalMs?: number;
};

async function kioskStatus(): Promise<ActivePackInfo | undefined> {
  const result = await callKiosk('kiosk:status', []);
  return result.ok ? result.value.activePack : undefined;
}

export function startPackFollow(options: PackFollowOptions = {}): () => void {
  const session = options.session ?? sessionStore;
  const content = options.content ?? contentStore;
  const status = options.status ?? kioskStatus;
  const reload = options.reload ?? (() => window.location.reload());
  let pending: ActivePackInfo | null = null;
  let stopped = false;

  const reloadIfIdle = (): void => {
    if (pending && !stopped && session.getState().screen === 'attract') {
      log.info('following the kiosk to another pack', { id: pending.id, version: pending.version });
      stopped = true;
      reload();
    }
  };
  const check = async (): Promise<void> => {
    const serving = await status();
    const shown = selectManifest(content.getState());
    if (!serving || !shown) return;
    pending = serving.id !== shown.id || serving.version !== shown.version ? serving : null;
    reloadIfIdle();
  };

  const timer = setInterval(() => void check(), options.intervalMs ?? FOLLOW_POLL_MS);
  const stopScreen = session.subscribe((s) => s.screen, reloadIfIdle);
  return () => {
    stopped = true;
    clearInterval(timer);
    stopScreen();
  };
}
