import { describe, expect, it } from 'vitest';
import {
  createPinGuard,
  hashPin,
  isValidPinFormat,
  parsePinHash,
  verifyPin,
} from '../../../../electron/node/staff/pin';
import { createStaffSessions } from '../../../../electron/node/staff/sessions';

// Cheap parameters keep the tests fast; the format and the code path are the same.
const FAST = { N: 1024, r: 8, p: 1 };

describe('staff PIN hashing', () => {
  it('stores scrypt$N$r$p$salt$hash and verifies only the right PIN', async () => {
    const stored = await hashPin('2468', FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('2468');
    const parsed = parsePinHash(stored);
    expect(parsed).not.toBeNull();
    expect(await verifyPin('2468', parsed!)).toBe(true);
    expect(await verifyPin('2469', parsed!)).toBe(false);
    expect(await verifyPin('', parsed!)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPin('2468', FAST)).not.toBe(await hashPin('2468', FAST));
  });

  it('uses real cost by default', async () => {
    const stored = await hashPin('13579');
    expect(stored.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPin('13579', parsePinHash(stored)!)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['not scrypt', 'bcrypt$1024$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA'],
    ['missing part', 'scrypt$1024$8$1$c2FsdHNhbHQ'],
    ['N not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhh'],
    ['N absurd', `scrypt$${2 ** 24}$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhh`],
    ['r absurd', 'scrypt$1024$999$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhh'],
    ['memory bomb', `scrypt$${2 ** 20}$32$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhh`],
    ['salt too short', 'scrypt$1024$8$1$YQ$aGFzaGhhc2hoYXNoaGFzaGhh'],
    ['not base64url', 'scrypt$1024$8$1$c2Fsd+Nhb/RzYWx0$aGFzaGhhc2hoYXNoaGFzaGhh'],
    ['leading zero', 'scrypt$01024$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhh'],
  ])('refuses a damaged hash: %s', (_name, stored) => {
    expect(parsePinHash(stored)).toBeNull();
  });

  it.each([
    ['1234', true],
    ['123456789012', true],
    ['123', false],
    ['1234567890123', false],
    ['12a4', false],
    ['١٢٣٤', false],
    [' 1234', false],
  ])('PIN format %j → %s', (pin, ok) => {
    expect(isValidPinFormat(pin)).toBe(ok);
  });
});

describe('PIN guard (backoff)', () => {
  it('allows three wrong PINs, then pauses 30 s, doubling up to the cap', () => {
    let now = 0;
    const guard = createPinGuard({ now: () => now, maxPauseMs: 100_000 });
    expect(guard.waitMs()).toBe(0);
    expect(guard.failed()).toBe(2);
    expect(guard.failed()).toBe(1);
    expect(guard.failed()).toBe(0);
    expect(guard.waitMs()).toBe(30_000);
    now += 30_000;
    expect(guard.waitMs()).toBe(0);
    guard.failed();
    expect(guard.waitMs()).toBe(60_000);
    now += 60_000;
    guard.failed();
    expect(guard.waitMs()).toBe(100_000); // 120 s capped
  });

  it('a right PIN clears the count', () => {
    let now = 0;
    const guard = createPinGuard({ now: () => now });
    guard.failed();
    guard.failed();
    guard.succeeded();
    expect(guard.failed()).toBe(2);
    now += 1;
    expect(guard.waitMs()).toBe(0);
  });
});

describe('staff sessions', () => {
  it('one live session; a new unlock replaces it; idle time ends it', () => {
    let now = 0;
    const sessions = createStaffSessions({ now: () => now, idleMs: () => 1000 });
    const a = sessions.open();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessions.check(a)).toBe(true);
    const b = sessions.open();
    expect(sessions.check(a)).toBe(false);
    now += 900;
    expect(sessions.check(b)).toBe(true); // and keeps it alive
    now += 900;
    expect(sessions.check(b)).toBe(true);
    now += 1001;
    expect(sessions.check(b)).toBe(false);
    expect(sessions.check(b)).toBe(false);
  });

  it('lock ends only its own session', () => {
    const sessions = createStaffSessions({ idleMs: () => 60_000 });
    const token = sessions.open();
    sessions.close('x'.repeat(43));
    expect(sessions.check(token)).toBe(true);
    sessions.close(token);
    expect(sessions.check(token)).toBe(false);
    expect(sessions.check('')).toBe(false);
  });
});
