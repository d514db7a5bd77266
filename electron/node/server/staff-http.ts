/**
 * Browser mode's staff API: `POST /api/staff/<name>` with a JSON body `{ "args": [...] }` runs
 * the contract's `staff:<name>` channel through the same staff service Electron's IPC uses. The
 * session token travels in the `X-Staff-Token` header and is put in front of the arguments, so
 * the contract's own argument schemas check both.
 *
 * Guards, in order: POST only; the peer is on loopback; the request comes from the kiosk page
 * itself (`Origin` equal to the server's, `Sec-Fetch-Site: same-origin` when the browser sends
 * them); `Content-Type: application/json`; a body within `maxBodyBytes`; a token for everything
 * but `hello` and `unlock`. The hall server mounts this only when it runs with a pack store.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invokeChannels, MAX_IPC_ARGS_CHARS } from '../../shared/ipc-contract';
import type { StaffChannel } from '../../shared/ipc-contract';
import { problem } from '../../shared/problems';
import type { PackProblem } from '../../shared/problems';
import { buildCsp, securityHeaders } from '../http/security-headers';
import { nullLogger } from '../log/logger';
import type { Logger } from '../log/logger';
import type { KioskContent } from '../kiosk-content';
import { reselectThenConfirm } from './shown-after';
import { createStaffCalls, staffChannelNames } from '../staff/staff-calls';
import type { StaffCalls } from '../staff/staff-calls';
import { createStaffService } from '../staff/staff-service';
import type { StaffServiceOptions } from '../staff/staff-service';
import { isLoopbackHost } from './loopback';
import { sendWebResponse } from './node-adapter';

import { STAFF_API_PREFIX } from './api-targets';

export { STAFF_API_PREFIX, isStaffApiTarget } from './api-targets';
export const STAFF_TOKEN_HEADER = 'x-staff-token';

/** Channels that need no session token. */
const OPEN_CHANNELS: ReadonlySet<StaffChannel> = new Set(['staff:hello', 'staff:unlock']);

export type StaffRequestContext = {
  /** The peer's address (`socket.remoteAddress`). */
  remoteAddress: string | undefined;
  /** The server's own origin, e.g. `http://127.0.0.1:5391`. */
  origin: string;
};

export type StaffHttpHandler = {
  readonly maxBodyBytes: number;
  handle(req: Request, ctx: StaffRequestContext): Promise<Response>;
};

export type StaffHttpOptions = {
  calls: StaffCalls;
  log?: Logger;
  /** Largest request body; default the IPC argument cap. */
  maxBodyBytes?: number;
};

const HEADERS = { ...securityHeaders(buildCsp()), 'cache-control': 'no-store' };

function json(status: number, value: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { ...HEADERS, 'content-type': 'application/json; charset=utf-8', ...extra },
  });
}

const refusal = (status: number, problems: PackProblem[], extra: Record<string, string> = {}): Response =>
  json(status, { ok: false, problems }, extra);

const unavailable = (detail: string): PackProblem => problem('staff.unavailable', 'staff', { detail });

function channelOf(pathname: string): StaffChannel | null {
  if (!pathname.startsWith(STAFF_API_PREFIX)) return null;
  const channel = `staff:${pathname.slice(STAFF_API_PREFIX.length)}`;
  return staffChannelNames.find((c) => c === channel) ?? null;
}

/** Is the request from the kiosk page itself (or a non-browser client on loopback)? */
export function isSameOriginRequest(headers: Headers, origin: string): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const from = headers.get('origin');
  return from === null || from === origin;
}

export function createStaffHttpHandler(options: StaffHttpOptions): StaffHttpHandler {
  const log = options.log ?? nullLogger;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_IPC_ARGS_CHARS;

  async function handle(req: Request, ctx: StaffRequestContext): Promise<Response> {
    const { pathname } = new URL(req.url);
    const refuse = (status: number, reason: string, problems: PackProblem[], extra = {}): Response => {
      log.warn('staff api refused', { path: pathname.slice(0, 100), reason, status });
      return refusal(status, problems, extra);
    };
    if (req.method !== 'POST')
      return refuse(405, 'method', [unavailable(`method ${req.method}`)], { allow: 'POST' });
    if (ctx.remoteAddress === undefined || !isLoopbackHost(ctx.remoteAddress))
      return refuse(403, 'not-loopback', [unavailable('not from this machine')]);
    if (!isSameOriginRequest(req.headers, ctx.origin))
      return refuse(403, 'cross-origin', [unavailable('not from the kiosk page')]);
    const channel = channelOf(pathname);
    if (!channel) return refuse(404, 'unknown', [unavailable('unknown request')]);
    if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json'))
      return refuse(415, 'content-type', [unavailable('not JSON')]);

    const text = await req.text();
    if (Buffer.byteLength(text, 'utf8') > maxBodyBytes)
      return refuse(413, 'too-large', [unavailable('too large')]);
    let body: unknown;
    try {
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return refuse(400, 'json', [unavailable('malformed JSON')]);
    }
    const given = (body as { args?: unknown } | null)?.args ?? [];
    if (typeof body !== 'object' || body === null || !Array.isArray(given))
      return refuse(400, 'body', [unavailable('malformed request')]);

    let args: unknown[] = given as unknown[];
    if (!OPEN_CHANNELS.has(channel)) {
      const token = req.headers.get(STAFF_TOKEN_HEADER);
      if (token === null || token === '')
        return refuse(401, 'no-token', [problem('staff.session-ended', 'staff', {})]);
      args = [token, ...args];
    }
    const spec = invokeChannels[channel];
    const parsed = spec.args.safeParse(args);
    if (!parsed.success) {
      const tokenIssue = !OPEN_CHANNELS.has(channel) && parsed.error.issues.some((i) => i.path[0] === 0);
      return tokenIssue
        ? refuse(401, 'bad-token', [problem('staff.session-ended', 'staff', {})])
        : refuse(400, 'bad-arguments', [unavailable('malformed request')]);
    }
    let value: unknown;
    try {
      // The mapped type pairs channel and arguments; TypeScript cannot follow the correlation.
      const call = options.calls[channel] as (...a: unknown[]) => Promise<unknown>;
      value = await call(...(parsed.data as unknown[]));
    } catch (error) {
      log.error('staff api failed', { channel, error });
      return refusal(500, [unavailable('internal error')]);
    }
    const result = spec.result.safeParse(value);
    if (!result.success) {
      log.error('staff api result outside the contract', {
        channel,
        issues: result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
      });
      return refusal(500, [unavailable('internal error')]);
    }
    const data = result.data as { ok: boolean; problems?: { code: string }[] };
    const ended = !data.ok && data.problems?.some((p) => p.code === 'staff.session-ended');
    return json(ended ? 401 : 200, result.data);
  }

  return { maxBodyBytes, handle };
}

/**
 * The node:http side: reads the body (refusing more than the cap without reading it all),
 * builds a WHATWG Request and writes the handler's answer.
 */
export async function serveStaffRequest(
  req: IncomingMessage,
  res: ServerResponse,
  handler: StaffHttpHandler,
  origin: string,
): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? '0');
  const tooLarge = (): Promise<void> =>
    sendWebResponse(res, refusal(413, [unavailable('too large')], { connection: 'close' }), false);
  if (Number.isFinite(declared) && declared > handler.maxBodyBytes) {
    req.resume();
    return tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  if (req.method === 'POST') {
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > handler.maxBodyBytes) {
        over = true;
        break;
      }
      chunks.push(buf);
    }
  }
  if (over) {
    await tooLarge();
    // The rest of the body is never read; the connection goes with it.
    req.destroy();
    return;
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    if (name.startsWith(':')) continue;
    try {
      headers.append(name, req.rawHeaders[i + 1] ?? '');
    } catch {
      // Header names or values undici refuses are dropped.
    }
  }
  const method = req.method ?? 'GET';
  const request = new Request(origin + (req.url ?? '/'), {
    method,
    headers,
    ...(method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
  });
  const response = await handler.handle(request, { remoteAddress: req.socket.remoteAddress, origin });
  await sendWebResponse(res, response, req.method === 'HEAD');
}

export type ContentStaffOptions = {
  dataDir: string;
  log?: Logger;
  /** Where to look for USB sticks (default: HALL_USB_ROOTS or the mount points). */
  volumes?: StaffServiceOptions['volumes'];
  /** The server's JSON-lines log, when it writes one (`--log`). */
  logFile?: string;
  shownAfterMs?: number;
};

/**
 * The staff API of a hall server that runs on the kiosk's pack store (`--data-dir`): the staff
 * service over the kiosk content, which chooses the pack again after a switch. The staff page
 * reloads itself to show it; the store keeps it once it has run `shownAfterMs` (60 s).
 */
export function staffApiForContent(content: KioskContent, options: ContentStaffOptions): StaffHttpHandler {
  const log = options.log ?? nullLogger;
  const service = createStaffService({
    store: content.store,
    dataDir: options.dataDir,
    trust: content.trust,
    onScreen: content.onScreen,
    log,
    ...(options.volumes ? { volumes: options.volumes } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
    afterSwitch: reselectThenConfirm(content, options.shownAfterMs),
  });
  return createStaffHttpHandler({ calls: createStaffCalls(service), log });
}
