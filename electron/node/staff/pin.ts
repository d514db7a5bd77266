/**
 * The staff PIN: hashed with scrypt and a random salt, stored in config.json as
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url), and checked here in Node only — the
 * renderer never sees the hash. The cost parameters travel with each hash, so `PIN_SCRYPT` can
 * be raised and older hashes still verify with their own. Wrong PINs pause further tries with a
 * growing wait; the count and the pause are kept in the data folder (`staff-lockout.json`,
 * 0600), so restarting the kiosk does not reset them.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { STAFF_PIN_MAX_DIGITS, STAFF_PIN_MIN_DIGITS } from '../../shared/staff-api';

/** Cost parameters for new hashes: ~50–100 ms and 16 MiB on a kiosk PC. */
export const PIN_SCRYPT = { N: 2 ** 14, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Parameters read from config.json are bounded, so a planted hash cannot stall the kiosk.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY = 256 * 1024 * 1024;

export type ScryptParams = { N: number; r: number; p: number };

/** True when `pin` is 6–12 ASCII digits. */
export function isValidPinFormat(pin: string): boolean {
  return new RegExp(`^[0-9]{${STAFF_PIN_MIN_DIGITS},${STAFF_PIN_MAX_DIGITS}}$`).test(pin);
}

function derive(pin: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      pin.normalize('NFKC'),
      salt,
      length,
      { N: params.N, r: params.r, p: params.p, maxmem: MAX_MEMORY },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** Hashes a PIN for config.json. The caller checks the format first (`isValidPinFormat`). */
export async function hashPin(pin: string, params: ScryptParams = PIN_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, params, KEY_BYTES);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export type ParsedPinHash = { params: ScryptParams; salt: Buffer; hash: Buffer };

/** Parses `scrypt$N$r$p$salt$hash`; null when damaged or outside the accepted bounds. */
export function parsePinHash(stored: string): ParsedPinHash | null {
  const parts = stored.trim().split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, nText = '', rText = '', pText = '', saltText = '', hashText = ''] = parts;
  if (![nText, rText, pText].every((t) => /^[1-9][0-9]{0,7}$/.test(t))) return null;
  const N = Number(nText);
  const r = Number(rText);
  const p = Number(pText);
  // N must be a power of two above 1.
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r > MAX_R || p > MAX_P) return null;
  if (128 * N * r > MAX_MEMORY / 2) return null;
  const b64 = /^[A-Za-z0-9_-]+$/;
  if (!b64.test(saltText) || !b64.test(hashText)) return null;
  const salt = Buffer.from(saltText, 'base64url');
  const hash = Buffer.from(hashText, 'base64url');
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return null;
  return { params: { N, r, p }, salt, hash };
}

/** Checks a PIN against a parsed hash in constant time (for the comparison). */
export async function verifyPin(pin: string, stored: ParsedPinHash): Promise<boolean> {
  const key = await derive(pin, stored.salt, stored.params, stored.hash.length);
  return timingSafeEqual(key, stored.hash);
}

/** What the guard keeps across restarts: wrong tries in a row and the end of the pause (epoch ms). */
export type PinGuardState = { failures: number; until: number };

/** Where the guard keeps its state. `load` returns null when there is none (or it is unreadable). */
export type PinGuardPersistence = {
  load(): PinGuardState | null;
  save(state: PinGuardState): void;
};

export type PinGuardOptions = {
  now?: () => number;
  /** Keep the state across restarts. Default: in memory only. */
  persistence?: PinGuardPersistence;
  /** Wrong PINs allowed before the first pause. Default 3. */
  freeTries?: number;
  /** The first pause; it doubles with every further wrong PIN. Default 30 s. */
  firstPauseMs?: number;
  /** Longest pause. Default 15 min. */
  maxPauseMs?: number;
};

export type PinGuard = {
  /** Milliseconds until another try is allowed (0: now). */
  waitMs(): number;
  /** Records a wrong PIN; returns how many tries remain before a pause (0: paused now). */
  failed(): number;
  /** A right PIN clears the count. */
  succeeded(): void;
};

/**
 * Backoff on wrong PINs: `freeTries` free, then 30 s, 60 s, 120 s … up to `maxPauseMs`. With
 * `persistence`, a restart resumes the count and the pause; a pause that reaches further than
 * `maxPauseMs` ahead (the clock was set back) is cut to `maxPauseMs`.
 */
export function createPinGuard(options: PinGuardOptions = {}): PinGuard {
  const now = options.now ?? Date.now;
  const freeTries = options.freeTries ?? 3;
  const firstPause = options.firstPauseMs ?? 30_000;
  const maxPause = options.maxPauseMs ?? 15 * 60_000;
  const saved = options.persistence?.load() ?? null;
  let failures = saved ? saved.failures : 0;
  let until = saved ? Math.min(saved.until, now() + maxPause) : 0;
  const save = (): void => options.persistence?.save({ failures, until });
  return {
    waitMs: () => Math.max(0, until - now()),
    failed() {
      failures += 1;
      const over = failures - freeTries;
      if (over >= 0) until = now() + Math.min(maxPause, firstPause * 2 ** Math.min(over, 20));
      save();
      return over < 0 ? -over : 0;
    },
    succeeded() {
      if (failures === 0 && until === 0) return;
      failures = 0;
      until = 0;
      save();
    },
  };
}

/** The lockout file in the data folder. */
export const PIN_LOCKOUT_FILE = 'staff-lockout.json';

/**
 * Keeps the guard's state in `file` (JSON, mode 0600, replaced by rename). A damaged file counts
 * as the pause already at its longest, never as "no wrong tries": deleting or corrupting it must
 * not be a way around the lockout. A write that fails leaves the guard working in memory.
 */
export function pinGuardFile(
  file: string,
  onError: (error: unknown) => void = () => undefined,
): PinGuardPersistence {
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return null;
      }
      try {
        const value = JSON.parse(text) as Partial<PinGuardState>;
        const failures = value.failures;
        const until = value.until;
        if (
          typeof failures === 'number' &&
          Number.isSafeInteger(failures) &&
          failures >= 0 &&
          typeof until === 'number' &&
          Number.isFinite(until)
        )
          return { failures, until };
      } catch {
        // Fall through: damaged.
      }
      return { failures: 1_000, until: Number.MAX_SAFE_INTEGER };
    },
    save(state) {
      const tmp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
      try {
        writeFileSync(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600, flag: 'wx' });
        renameSync(tmp, file);
      } catch (error) {
        onError(error);
      }
    },
  };
}
