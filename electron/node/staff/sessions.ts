/**
 * Staff sessions: a kiosk has one screen, so there is at most one session. Unlocking replaces it;
 * it ends on `lock`, or after `idleMs` without a staff request. Tokens are random and compared in
 * constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export type StaffSessions = {
  /** Starts a new session (ending any other) and returns its token. */
  open(): string;
  /** True when `token` is the live session's; a valid check keeps the session alive. */
  check(token: string): boolean;
  /** Ends the session if `token` is its own (any token when `force`). */
  close(token: string, force?: boolean): void;
  idleMs: number;
};

export function createStaffSessions(options: { idleMs: () => number; now?: () => number }): StaffSessions {
  const now = options.now ?? Date.now;
  let session: { token: Buffer; lastUsed: number } | null = null;

  const matches = (token: string): boolean => {
    if (!session) return false;
    const given = Buffer.from(token, 'utf8');
    return given.length === session.token.length && timingSafeEqual(given, session.token);
  };

  return {
    get idleMs() {
      return options.idleMs();
    },
    open() {
      const token = randomBytes(32).toString('base64url');
      session = { token: Buffer.from(token, 'utf8'), lastUsed: now() };
      return token;
    },
    check(token) {
      if (!session || !matches(token)) return false;
      const t = now();
      if (t - session.lastUsed > options.idleMs()) {
        session = null;
        return false;
      }
      session.lastUsed = t;
      return true;
    },
    close(token, force = false) {
      if (force || matches(token)) session = null;
    },
  };
}
