import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createPinGuard,
  hashPin,
  isValidPinFormat,
  parsePinHash,
  pinGuardFile,
  verifyPin,
} from '../../../../electron/node/staff/pin';
import { createStaffSessions } from '../../../../electron/node/staff/sessions';

// Cheap parameters keep the tests fast; the format and the code path are the same.
const FAST = { N: 1024, r: 8, p: 1 };

describe('staff PIN hashing', () => {
  it('stores scrypt$N$r$p$salt$hash and verifies only the right PIN', async () => {
    const stored = await hashPin('246813', FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('246813');
    const parsed = parsePinHash(stored);
    expect(parsed).not.toBeNull();
    expect(await verifyPin('246813', parsed!)).toBe(true);
    expect(await verifyPin('246814', parsed!)).toBe(false);
    expect(await verifyPin('', parsed!)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPin('246813', FAST)).not.toBe(await hashPin('246813', FAST));
  });

  it('verifies a hash made with other (older, cheaper) parameters: they travel with the hash', async () => {
    const old = await hashPin('864213', { N: 256, r: 4, p: 1 });
    expect(old.startsWith('scrypt$256$4$1$')).toBe(true);
    expect(await verifyPin('864213', parsePinHash(old)!)).toBe(true);
    expect(await verifyPin('864214', parsePinHash(old)!)).toBe(false);
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
    ['123456', true],
    ['123456789012', true],
    ['1234', false],
    ['12345', false],
    ['123', false],
    ['1234567890123', false],
    ['12a456', false],
    ['١٢٣٤٥٦', false],
    [' 123456', false],
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

describe('PIN guard kept in the data folder', () => {
  let dir = '';
  let file = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hall-lockout-'));
    file = path.join(dir, 'staff-lockout.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a restart keeps the pause and the count: the delays keep growing', () => {
    let now = 1_000_000;
    const first = createPinGuard({ now: () => now, persistence: pinGuardFile(file) });
    first.failed();
    first.failed();
    first.failed();
    expect(first.waitMs()).toBe(30_000);
    // The kiosk restarts 10 s later: still paused for the rest.
    now += 10_000;
    const second = createPinGuard({ now: () => now, persistence: pinGuardFile(file) });
    expect(second.waitMs()).toBe(20_000);
    now += 20_000;
    expect(second.waitMs()).toBe(0);
    second.failed();
    expect(second.waitMs()).toBe(60_000);
    now += 60_000;
    const third = createPinGuard({ now: () => now, persistence: pinGuardFile(file) });
    third.failed();
    expect(third.waitMs()).toBe(120_000);
    third.succeeded();
    expect(createPinGuard({ now: () => now, persistence: pinGuardFile(file) }).waitMs()).toBe(0);
  });

  it('is written 0600', () => {
    createPinGuard({ persistence: pinGuardFile(file) }).failed();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ failures: 1 });
  });

  it('a clock set back cannot make the pause longer than the longest', () => {
    writeFileSync(file, JSON.stringify({ failures: 9, until: 10 ** 13 }));
    const guard = createPinGuard({ now: () => 0, persistence: pinGuardFile(file), maxPauseMs: 900_000 });
    expect(guard.waitMs()).toBe(900_000);
  });

  it('a damaged file is a full pause, not a clean slate', () => {
    writeFileSync(file, '{ not json');
    const guard = createPinGuard({ now: () => 0, persistence: pinGuardFile(file), maxPauseMs: 900_000 });
    expect(guard.waitMs()).toBe(900_000);
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
