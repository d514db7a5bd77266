/**
 * The zod-free half of the IPC contract: channel names, their `window.kiosk` method names and the
 * builder the preload uses. Kept apart so the sandboxed preload bundle stays a few kilobytes
 * instead of carrying zod; `ipc-contract.ts` is held to exactly these names by the compiler.
 */
import type { KioskApi } from './ipc-contract';

/** Every channel, in contract order. Add a name here and its schemas in `ipc-contract.ts`. */
export const invokeChannelNames = [
  'app:info',
  'app:health',
  'kiosk:settings',
  'kiosk:status',
  'kiosk:analytics',
  'kiosk:vitals',
  'kiosk:capture-screen',
  'staff:hello',
  'staff:unlock',
  'staff:status',
  'staff:scan',
  'staff:preview',
  'staff:install',
  'staff:activate',
  'staff:rollback',
  'staff:remove',
  'staff:export',
  'staff:lock',
  'staff:analytics',
  'staff:schedule',
] as const;

/** A channel name, e.g. `'app:info'`. */
export type InvokeChannelName = (typeof invokeChannelNames)[number];

/** Largest accepted argument list, measured as UTF-16 code units of its JSON form. */
export const MAX_IPC_ARGS_CHARS = 64 * 1024;

type CamelCase<S extends string> = S extends `${infer Head}:${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S extends `${infer Head}-${infer Tail}`
    ? `${Head}${Capitalize<CamelCase<Tail>>}`
    : S;

/** The `window.kiosk` method name of a channel: `app:info` → `appInfo`, `staff:verify-pin` → `staffVerifyPin`. */
export type ChannelMethodName<C extends string> = CamelCase<C>;

/** Runtime twin of {@link ChannelMethodName}. */
export function channelMethodName<C extends string>(channel: C): ChannelMethodName<C> {
  return channel.replace(/[:-]([a-z0-9])/g, (_, c: string) => c.toUpperCase()) as ChannelMethodName<C>;
}

/** Sends one request; in the preload this is `ipcRenderer.invoke`. */
export type Invoke = (channel: InvokeChannelName, ...args: readonly unknown[]) => Promise<unknown>;

/**
 * Build the `window.kiosk` object over `invoke`. The methods forward only the channel and the
 * arguments; results are returned as main sent them (main has already parsed them against the
 * contract). The object is frozen.
 */
export function createKioskApi(invoke: Invoke): KioskApi {
  const api: Record<string, (...args: readonly unknown[]) => Promise<unknown>> = {};
  for (const channel of invokeChannelNames) {
    api[channelMethodName(channel)] = (...args: readonly unknown[]) => invoke(channel, ...args);
  }
  return Object.freeze(api) as KioskApi;
}
