/**
 * Browser mode: the hall request handler behind node:http on loopback. Used by the e2e tests,
 * authoring preview and the Chromium `--kiosk` fallback where Electron is not installed.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALLOWED_METHODS, createHallHandler } from '../http/handler';
import type { HallHandler, HallHandlerOptions } from '../http/handler';
import { rawTargetRefusal } from '../http/resolve-path';
import { buildCsp, securityHeaders } from '../http/security-headers';
import type { CspOptions } from '../http/security-headers';
import { nullLogger } from '../log/logger';
import type { Logger } from '../log/logger';
import { isAllowedHostHeader, isLoopbackHost, serverUrl } from './loopback';
import { sendWebResponse, toWebRequest } from './node-adapter';
import { isKioskApiTarget, isStaffApiTarget } from './api-targets';
import type { StaffHttpHandler } from './staff-http';

export type HallServerOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Anything but loopback needs `allowNonLoopback`. */
  host?: string;
  rendererRoot: string;
  getActivePack: HallHandlerOptions['getActivePack'];
  log?: Logger;
  /** Serve on a non-loopback address (authoring preview on a LAN). Off by default. */
  allowNonLoopback?: boolean;
  csp?: CspOptions;
  /** Milliseconds open connections (a playing video) get to finish on close; default 2000. */
  closeGraceMs?: number;
  /**
   * Staff mode's `/api/staff/*` endpoints (see staff-http.ts). Only for a server that runs with
   * a pack store; without it those paths are answered by the request handler (404/405).
   */
  staffApi?: ApiHandler;
  /**
   * The page's `/api/kiosk/*` endpoints (kiosk-http.ts). Default: a server without a data folder,
   * which answers that the hall configured nothing (the pack's and built-in settings apply).
   */
  kioskApi?: ApiHandler;
  /**
   * Routes answered before the request handler (the authoring preview's own pages and its
   * computed pack.json). Returns true when it answered. Runs after the host and path checks.
   */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
};

/** An API handler, or a function that makes it on the first request (after the server listens). */
export type ApiHandler = StaffHttpHandler | (() => Promise<StaffHttpHandler>);

const lazily = (h: ApiHandler): (() => Promise<StaffHttpHandler>) => {
  if (typeof h !== 'function') return () => Promise.resolve(h);
  let made: Promise<StaffHttpHandler> | null = null;
  return () => (made ??= h());
};

export type HallServer = { url: string; port: number; close(): Promise<void> };

/** Starts the server; resolves once it is listening. */
export async function startHallServer(opts: HallServerOptions): Promise<HallServer> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? nullLogger;
  const loopback = isLoopbackHost(host);
  if (!loopback && !opts.allowNonLoopback) {
    throw new Error(
      `refusing to serve on non-loopback host "${host}": the kiosk is served on 127.0.0.1 only unless allowNonLoopback is set`,
    );
  }
  const handler: HallHandler = createHallHandler({
    rendererRoot: opts.rendererRoot,
    getActivePack: opts.getActivePack,
    log,
    ...(opts.csp ? { csp: opts.csp } : {}),
  });
  // The API modules (and the IPC schemas they evaluate) load on the first API request: the page
  // itself needs none of them, so nothing but routing stands between start-up and listening.
  const serve = () => import('./staff-http').then((m) => m.serveStaffRequest);
  const kioskApi = lazily(
    opts.kioskApi ??
      (async () => {
        const [kiosk, calls] = await Promise.all([import('./kiosk-http'), import('../kiosk/kiosk-calls')]);
        return kiosk.createKioskHttpHandler({ calls: calls.createKioskCalls({ config: () => null }), log });
      }),
  );
  const staffApi = opts.staffApi ? lazily(opts.staffApi) : null;
  const errorHeaders = { ...securityHeaders(buildCsp(opts.csp)), 'cache-control': 'no-store' };
  let port = 0;
  let origin = '';

  const reply = (
    res: ServerResponse,
    status: number,
    text: string,
    extra: Record<string, string> = {},
  ): void => {
    res.writeHead(status, { ...errorHeaders, 'content-type': 'text/plain; charset=utf-8', ...extra });
    res.end(`${text}\n`);
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    try {
      if (loopback && !isAllowedHostHeader(req.headers.host, port)) {
        log.warn('request refused', {
          path: target,
          reason: 'host-not-allowed',
          host: req.headers.host,
          status: 403,
        });
        reply(res, 403, 'Forbidden');
        return;
      }
      // The URL parser would silently resolve `..` and `\`; a request that needs that is hostile.
      const refusal = rawTargetRefusal(target);
      if (refusal) {
        log.warn('request refused', { method: req.method, path: target, reason: refusal, status: 404 });
        reply(res, 404, 'Not Found');
        return;
      }
      if (opts.extraRoutes && (await opts.extraRoutes(req, res))) return;
      if (isKioskApiTarget(target)) {
        await (
          await serve()
        )(req, res, await kioskApi(), origin);
        return;
      }
      if (staffApi && isStaffApiTarget(target)) {
        await (
          await serve()
        )(req, res, await staffApi(), origin);
        return;
      }
      let request: Request;
      try {
        request = toWebRequest(req, origin);
      } catch {
        // undici refuses CONNECT/TRACE/TRACK and malformed methods.
        reply(res, 405, 'Method Not Allowed', { allow: ALLOWED_METHODS });
        return;
      }
      const response = await handler(request);
      await sendWebResponse(res, response, req.method === 'HEAD');
    } catch (error) {
      log.error('request failed', { path: target, error });
      if (!res.headersSent) reply(res, 500, 'Internal Server Error');
      else res.destroy();
    }
  };

  const server = createServer((req, res) => {
    void onRequest(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error('hall server error', { error }));
  port = (server.address() as AddressInfo).port;
  const url = serverUrl(host, port);
  origin = url.slice(0, -1);
  log.info('hall server listening', { url });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      const force = setTimeout(() => server.closeAllConnections(), opts.closeGraceMs ?? 2000);
      force.unref();
      server.close((error) => {
        clearTimeout(force);
        if (error) reject(error);
        else resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { url, port, close };
}
