/**
 * The page's visitor-side requests to Node (`kiosk:*` channels of the IPC contract): the preload's
 * `window.kiosk` method inside Electron, `POST api/kiosk/<name>` to the hall server in browser
 * mode. Answers are parsed against the contract's result schema; a failure is a value
 * (`{ ok: false }`), never a throw, so the visitor screen carries on with its defaults.
 */
import type { z } from 'zod';
import { channelMethodName, invokeChannels } from '../../../electron/shared/ipc-contract';
import type { ChannelArgs, ChannelResult, KioskChannel } from '../../../electron/shared/ipc-contract';
import type { HallSettings } from '../../../electron/shared/hall-settings';
import type { AnalyticsEvent } from '../../../electron/shared/analytics';
import { errorData, log } from './log';
import { kioskApi } from './kiosk';

export type KioskCallResult<C extends KioskChannel> = { ok: true; value: ChannelResult<C> } | { ok: false };

export type KioskTransport = <C extends KioskChannel>(channel: C, args: ChannelArgs<C>) => Promise<unknown>;

/** Browser mode: POST api/kiosk/<name> relative to the page. */
export function kioskHttpTransport(
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
  base: () => string = () => document.baseURI,
): KioskTransport {
  return async (channel, args) => {
    const url = new URL(`api/kiosk/${channel.slice('kiosk:'.length)}`, base()).href;
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ args }),
      cache: 'no-store',
      credentials: 'same-origin',
      // Lets the last analytics batch leave while the page unloads.
      keepalive: true,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as unknown;
  };
}

function ipcTransport(api: NonNullable<ReturnType<typeof kioskApi>>): KioskTransport {
  return (channel, args) => {
    const method = (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[
      channelMethodName(channel)
    ];
    if (!method) return Promise.reject(new Error(`no method for ${channel}`));
    return method(...(args as unknown as unknown[]));
  };
}

function defaultTransport(): KioskTransport {
  const api = kioskApi();
  return api ? ipcTransport(api) : kioskHttpTransport();
}

/** One request; never throws. */
export async function callKiosk<C extends KioskChannel>(
  channel: C,
  args: ChannelArgs<C>,
  transport: KioskTransport = defaultTransport(),
): Promise<KioskCallResult<C>> {
  let value: unknown;
  try {
    value = await transport(channel, args);
  } catch (error) {
    log.warn('kiosk request failed', { channel, ...errorData(error) });
    return { ok: false };
  }
  const schema: z.ZodType = invokeChannels[channel].result;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    log.warn('kiosk answer outside the contract', { channel });
    return { ok: false };
  }
  return { ok: true, value: parsed.data as ChannelResult<C> };
}

/** Hands a batch of visitor analytics to the kiosk; true when it was taken. */
export async function sendAnalytics(batch: AnalyticsEvent[], transport?: KioskTransport): Promise<boolean> {
  return (await callKiosk('kiosk:analytics', [batch], transport)).ok;
}

/** The hall's settings; `{}` (pack and built-in defaults) when they cannot be read. */
export async function loadHallSettings(transport?: KioskTransport): Promise<HallSettings> {
  const result = await callKiosk('kiosk:settings', [], transport);
  return result.ok ? result.value : {};
}
