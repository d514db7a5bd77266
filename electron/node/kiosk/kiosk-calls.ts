/**
 * The visitor-side channels of the IPC contract (`kiosk:*`): one table that both Electron's IPC
 * handlers and the hall server's `/api/kiosk/*` endpoints use, so the two modes cannot drift
 * apart. Arguments arrive already parsed against the contract.
 */
import type { ActivePackInfo, ChannelArgs, ChannelResult, KioskChannel } from '../../shared/ipc-contract';
import { invokeChannelNames } from '../../shared/ipc-contract';
import type { KioskConfig } from '../../shared/config-schema';
import { hallSettingsFromConfig } from '../../shared/hall-settings';
import type { AnalyticsLog } from '../analytics/analytics-log';
import type { Vitals, VitalsAnswer } from '../../shared/health';
import type { ScreenOrientation } from '../../shared/screen-capture';

/** One function per `kiosk:*` channel, typed from the contract. */
export type KioskCalls = {
  readonly [C in KioskChannel]: (...args: ChannelArgs<C>) => Promise<ChannelResult<C>>;
};

export type KioskCallsOptions = {
  /** The hall's configuration; `null` for a server without a data folder (previews, tests). */
  readonly config: () => KioskConfig | null;
  /** The pack the kiosk serves now; absent for a server that serves one fixed pack. */
  readonly activePack?: () => ActivePackInfo;
  /** Where visitor analytics go; absent (previews, tests without a data folder): dropped. */
  readonly analytics?: Pick<AnalyticsLog, 'record'>;
  /** The memory watch and health samples (health-log.ts); absent: reports are only answered. */
  readonly vitals?: (vitals: Vitals) => Promise<VitalsAnswer>;
  /** Takes and stores a picture of the visitor screen if one is due (Electron); absent: none. */
  readonly captureScreen?: (orientation: ScreenOrientation) => Promise<boolean>;
};

export function createKioskCalls(options: KioskCallsOptions): KioskCalls {
  return {
    'kiosk:settings': () => {
      const config = options.config();
      return Promise.resolve(config ? hallSettingsFromConfig(config) : {});
    },
    'kiosk:status': () => Promise.resolve({ activePack: options.activePack?.() ?? null }),
    'kiosk:analytics': (batch) =>
      options.analytics
        ? options.analytics.record(batch)
        : Promise.resolve({ written: 0, dropped: batch.length }),
    'kiosk:vitals': (vitals) =>
      options.vitals ? options.vitals(vitals) : Promise.resolve({ reload: false, reason: null }),
    'kiosk:capture-screen': async (orientation) => ({
      saved: options.captureScreen ? await options.captureScreen(orientation) : false,
    }),
  };
}

/** `kiosk:*` channel names, for routing (`/api/kiosk/<name>` → `kiosk:<name>`). */
export const kioskChannelNames: readonly KioskChannel[] = invokeChannelNames.filter((c): c is KioskChannel =>
  c.startsWith('kiosk:'),
);
