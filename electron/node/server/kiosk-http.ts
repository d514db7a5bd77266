/**
 * Browser mode's visitor-side API: `POST /api/kiosk/<name>` with a JSON body `{ "args": [...] }`
 * runs the contract's `kiosk:<name>` channel through the same calls Electron's IPC uses
 * (kiosk-calls.ts). No session token (nothing here is staff-only), but the same guards as the
 * staff API: POST only, the peer on loopback, the request from the kiosk page itself, JSON, a
 * bounded body, arguments and result parsed against the contract.
 */
import { invokeChannels, MAX_IPC_ARGS_CHARS } from '../../shared/ipc-contract';
import type { KioskChannel } from '../../shared/ipc-contract';
import { buildCsp, securityHeaders } from '../http/security-headers';
import { kioskChannelNames } from '../kiosk/kiosk-calls';
import type { KioskCalls } from '../kiosk/kiosk-calls';
import { nullLogger } from '../log/logger';
import type { Logger } from '../log/logger';
import { isLoopbackHost } from './loopback';
import { isSameOriginRequest } from './staff-http';
import type { StaffHttpHandler, StaffRequestContext } from './staff-http';

import { KIOSK_API_PREFIX } from './api-targets';

export { KIOSK_API_PREFIX, isKioskApiTarget } from './api-targets';

const HEADERS = { ...securityHeaders(buildCsp()), 'cache-control': 'no-store' };

function json(status: number, value: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { ...HEADERS, 'content-type': 'application/json; charset=utf-8', ...extra },
  });
}

function channelOf(pathname: string): KioskChannel | null {
  if (!pathname.startsWith(KIOSK_API_PREFIX)) return null;
  const channel = `kiosk:${pathname.slice(KIOSK_API_PREFIX.length)}`;
  return kioskChannelNames.find((c) => c === channel) ?? null;
}

export type KioskHttpOptions = { calls: KioskCalls; log?: Logger; maxBodyBytes?: number };

/** The handler has the staff API's shape, so the hall server reads bodies for both the same way. */
export function createKioskHttpHandler(options: KioskHttpOptions): StaffHttpHandler {
  const log = options.log ?? nullLogger;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_IPC_ARGS_CHARS;

  async function handle(req: Request, ctx: StaffRequestContext): Promise<Response> {
    const { pathname } = new URL(req.url);
    const refuse = (status: number, reason: string, extra: Record<string, string> = {}): Response => {
      log.warn('kiosk api refused', { path: pathname.slice(0, 100), reason, status });
      return json(status, { ok: false, reason }, extra);
    };
    if (req.method !== 'POST') return refuse(405, 'method', { allow: 'POST' });
    if (ctx.remoteAddress === undefined || !isLoopbackHost(ctx.remoteAddress))
      return refuse(403, 'not-loopback');
    if (!isSameOriginRequest(req.headers, ctx.origin)) return refuse(403, 'cross-origin');
    const channel = channelOf(pathname);
    if (!channel) return refuse(404, 'unknown');
    if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json'))
      return refuse(415, 'content-type');
    const text = await req.text();
    if (Buffer.byteLength(text, 'utf8') > maxBodyBytes) return refuse(413, 'too-large');
    let body: unknown;
    try {
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return refuse(400, 'json');
    }
    const given = (body as { args?: unknown } | null)?.args ?? [];
    if (typeof body !== 'object' || body === null || !Array.isArray(given)) return refuse(400, 'body');
    const spec = invokeChannels[channel];
    const parsed = spec.args.safeParse(given);
    if (!parsed.success) return refuse(400, 'bad-arguments');
    let value: unknown;
    try {
      // The mapped type pairs channel and arguments; TypeScript cannot follow the correlation.
      const call = options.calls[channel] as (...a: unknown[]) => Promise<unknown>;
      value = await call(...(parsed.data as unknown[]));
    } catch (error) {
      log.error('kiosk api failed', { channel, error });
      return json(500, { ok: false, reason: 'internal' });
    }
    const result = spec.result.safeParse(value);
    if (!result.success) {
      log.error('kiosk api result outside the contract', { channel });
      return json(500, { ok: false, reason: 'internal' });
    }
    return json(200, result.data);
  }

  return { maxBodyBytes, handle };
}
