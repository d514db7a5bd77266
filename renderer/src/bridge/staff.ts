/**
 * `staffApi`: the staff screen's one way to the kiosk. Inside Electron it calls the preload's
 * `window.kiosk.staff*` methods (IPC); in browser mode it POSTs to the hall server's
 * `/api/staff/<name>` with the session token in `X-Staff-Token`. Either way the answer is parsed
 * against the contract's result schema and never throws: a failure is `{ ok: false, problems }`.
 */
import type { z } from 'zod';
import { channelMethodName, invokeChannels } from '../../../electron/shared/ipc-contract';
import type { ChannelArgs, ChannelResult, StaffChannel } from '../../../electron/shared/ipc-contract';
import { problem } from '../../../electron/shared/problems';
import type {
  StaffAnalytics,
  StaffDayRange,
  StaffExport,
  StaffExportInput,
  StaffFailure,
  StaffHello,
  StaffInstall,
  StaffLock,
  StaffPreview,
  StaffRemove,
  StaffScan,
  StaffSchedule,
  StaffScheduleAction,
  StaffStatus,
  StaffSwitch,
  StaffUnlock,
} from '../../../electron/shared/staff-api';
import { staffFailureSchema } from '../../../electron/shared/staff-api';
import { errorData, log } from './log';
import { kioskApi } from './kiosk';

export type StaffApi = {
  hello(): Promise<StaffHello>;
  unlock(pin: string): Promise<StaffUnlock>;
  status(token: string): Promise<StaffStatus>;
  scan(token: string): Promise<StaffScan>;
  preview(token: string, path: string): Promise<StaffPreview>;
  install(token: string, path: string): Promise<StaffInstall>;
  activate(token: string, ref: string): Promise<StaffSwitch>;
  rollback(token: string): Promise<StaffSwitch>;
  remove(token: string, ref: string): Promise<StaffRemove>;
  exportStats(token: string, target: string, input: StaffExportInput): Promise<StaffExport>;
  lock(token: string): Promise<StaffLock>;
  schedule(token: string, action: StaffScheduleAction): Promise<StaffSchedule>;
  analytics(token: string, range: StaffDayRange): Promise<StaffAnalytics>;
};

/** Channels that carry no session token (the rest put it first). */
const OPEN: ReadonlySet<StaffChannel> = new Set(['staff:hello', 'staff:unlock']);

function unavailable(detail: string): StaffFailure {
  return { ok: false, problems: [problem('staff.unavailable', 'staff', { detail })] };
}

function parseResult<C extends StaffChannel>(channel: C, value: unknown): ChannelResult<C> | StaffFailure {
  const schema: z.ZodType = invokeChannels[channel].result;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as ChannelResult<C>;
  // Refusals (HTTP 4xx) carry problems in the same shape.
  const failure = staffFailureSchema.safeParse(value);
  if (failure.success) return failure.data;
  log.warn('staff answer outside the contract', { channel });
  return unavailable('unexpected answer');
}

export type StaffTransport = <C extends StaffChannel>(channel: C, args: ChannelArgs<C>) => Promise<unknown>;

/** Electron: the preload method of the channel. */
function ipcTransport(api: NonNullable<ReturnType<typeof kioskApi>>): StaffTransport {
  return (channel, args) => {
    const method = (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[
      channelMethodName(channel)
    ];
    if (!method) return Promise.resolve(unavailable('no such method'));
    return method(...(args as unknown as unknown[]));
  };
}

/** Browser mode: POST /api/staff/<name>, token in a header. */
export function httpTransport(
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
  base: () => string = () => document.baseURI,
): StaffTransport {
  return async (channel, args) => {
    const all = args as unknown as unknown[];
    const [token, ...rest] = OPEN.has(channel) ? [undefined, ...all] : all;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (typeof token === 'string') headers['x-staff-token'] = token;
    const url = new URL(`api/staff/${channel.slice('staff:'.length)}`, base()).href;
    const response = await fetchFn(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ args: rest }),
      cache: 'no-store',
      credentials: 'same-origin',
    });
    // A hall server without a pack store has no staff endpoints.
    if (response.status === 404 || response.status === 405) {
      return { ok: false, problems: [problem('staff.no-store', 'staff', {})] };
    }
    try {
      return (await response.json()) as unknown;
    } catch {
      return unavailable(`HTTP ${response.status}`);
    }
  };
}

/** Builds the API over a transport (tests pass their own). */
export function createStaffApi(transport: () => StaffTransport): StaffApi {
  async function call<C extends StaffChannel>(channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> {
    let value: unknown;
    try {
      value = await transport()(channel, args);
    } catch (error) {
      log.warn('staff request failed', { channel, ...errorData(error) });
      return unavailable(
        error instanceof Error ? error.message.slice(0, 120) : 'request failed',
      ) as ChannelResult<C>;
    }
    return parseResult(channel, value) as ChannelResult<C>;
  }
  return {
    hello: () => call('staff:hello', []),
    unlock: (pin) => call('staff:unlock', [pin]),
    status: (token) => call('staff:status', [token]),
    scan: (token) => call('staff:scan', [token]),
    preview: (token, path) => call('staff:preview', [token, path]),
    install: (token, path) => call('staff:install', [token, path]),
    activate: (token, ref) => call('staff:activate', [token, ref]),
    rollback: (token) => call('staff:rollback', [token]),
    remove: (token, ref) => call('staff:remove', [token, ref]),
    exportStats: (token, target, input) => call('staff:export', [token, target, input]),
    lock: (token) => call('staff:lock', [token]),
    schedule: (token, action) => call('staff:schedule', [token, action]),
    analytics: (token, range) => call('staff:analytics', [token, range]),
  };
}

/** The app's staff API: IPC when `window.kiosk` is there, else the hall server. */
export const staffApi: StaffApi = createStaffApi(() => {
  const api = kioskApi();
  return api ? ipcTransport(api) : httpTransport();
});

/** Browser mode reloads the page itself after a pack switch; Electron's main reloads the window. */
export function reloadsItself(): boolean {
  return kioskApi() === undefined;
}
