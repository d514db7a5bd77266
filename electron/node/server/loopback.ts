/**
 * Loopback policy for the hall server. Pure.
 *
 * The server binds to loopback only unless explicitly allowed, and on loopback it answers only
 * requests whose Host header names a loopback address on its own port — a web page elsewhere
 * cannot reach it through DNS rebinding.
 */
import { isIP } from 'node:net';

/** True for `localhost`, `127.x.y.z` and `::1` (brackets allowed). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h)?.[1];
  return mapped !== undefined && mapped.startsWith('127.');
}

/** The URL a browser should open for a server on `host:port`. */
export function serverUrl(host: string, port: number): string {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  return isIP(h) === 6 ? `http://[${h}]:${port}/` : `http://${h}:${port}/`;
}

/** True when a request's Host header is a loopback name for our `port`. */
export function isAllowedHostHeader(hostHeader: string | undefined, port: number): boolean {
  if (hostHeader === undefined) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim());
  if (!match) return false;
  const [, host = '', portText] = match;
  // Browsers omit the port only for 80 — never ours in practice, but be exact.
  const requestPort = portText === undefined ? 80 : Number(portText);
  return requestPort === port && isLoopbackHost(host);
}
