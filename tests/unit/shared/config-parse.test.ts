import { describe, expect, it } from 'vitest';
import { formatConfigWarning, parseKioskConfig } from '../../../electron/shared/config-parse';
import { kioskConfigSchema } from '../../../electron/shared/config-schema';

const pem = (n: number): string =>
  `-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA${n}\n-----END PUBLIC KEY-----\n`;
const defaults = kioskConfigSchema.parse({});

describe('parseKioskConfig: field by field', () => {
  it('a valid file is taken as it is, without warnings', () => {
    const raw = { trustedKeys: [{ publicKeyPem: pem(1) }], staffSessionMinutes: 3, idleTimeoutSeconds: 60 };
    const r = parseKioskConfig(raw);
    expect(r.warnings).toEqual([]);
    expect(r.config).toEqual({ ...defaults, ...raw });
  });

  it.each([
    ['a number as a string', { idleTimeoutSeconds: '60' }, 'idleTimeoutSeconds', '"60"'],
    ['out of range', { countdownSeconds: 1000 }, 'countdownSeconds', '1000'],
    ['a boolean as a string', { allowUnsignedPacks: 'yes' }, 'allowUnsignedPacks', '"yes"'],
    ['null', { staffSessionMinutes: null }, 'staffSessionMinutes', 'null'],
    ['a port out of range', { port: 70000 }, 'port', '70000'],
    ['a fleet without url', { fleet: { rootFile: 'r.json' } }, 'fleet.url', '{"rootFile":"r.json"}'],
  ])('%s falls back to the default, naming field and value', (_what, raw, field, value) => {
    const r = parseKioskConfig({ ...raw, trustedKeys: [{ publicKeyPem: pem(1) }] });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ field, value });
    const name = Object.keys(raw)[0] as keyof typeof defaults;
    expect(r.config[name]).toEqual(defaults[name]);
    expect(r.config.trustedKeys).toHaveLength(1);
  });

  it('a bad trusted key is dropped alone; the good ones stay', () => {
    const r = parseKioskConfig({
      trustedKeys: [
        { publicKeyPem: pem(1), name: 'a' },
        { publicKeyPem: 'not a key' },
        { publicKeyPem: pem(3) },
      ],
    });
    expect(r.config.trustedKeys.map((k) => k.publicKeyPem)).toEqual([pem(1), pem(3)]);
    expect(r.warnings.map((w) => [w.field, w.value])).toEqual([
      ['trustedKeys[1].publicKeyPem', '{"publicKeyPem":"not a key"}'],
    ]);
    expect(r.warnings[0]?.message).toMatch(/this entry is ignored$/);
  });

  it('trustedKeys that is not a list falls back to none, with a warning', () => {
    const r = parseKioskConfig({ trustedKeys: pem(1), staffSessionMinutes: 7 });
    expect(r.config.trustedKeys).toEqual([]);
    expect(r.config.staffSessionMinutes).toBe(7);
    expect(r.warnings.map((w) => w.field)).toEqual(['trustedKeys']);
  });

  it('names an unknown setting (a typo) and ignores it', () => {
    const r = parseKioskConfig({ idleTimeoutSecond: 60 });
    expect(r.warnings).toEqual([
      { field: 'idleTimeoutSecond', value: '60', message: 'unknown setting, ignored' },
    ]);
    expect(r.config).toEqual(defaults);
  });

  it('never echoes the PIN hash', () => {
    const r = parseKioskConfig({ staffPinHash: 42 });
    expect(r.warnings[0]).toMatchObject({ field: 'staffPinHash', value: '(hidden)' });
    expect(formatConfigWarning(r.warnings[0]!)).not.toContain('42');
  });

  it('shortens long values', () => {
    const r = parseKioskConfig({ staffChord: 'x'.repeat(500).length });
    expect(r.warnings).toHaveLength(1);
    const long = parseKioskConfig({ hallName: 'x'.repeat(500) });
    expect(long.warnings[0]?.value.length).toBeLessThanOrEqual(80);
  });

  it.each([
    ['a list', [1, 2]],
    ['a string', 'config'],
    ['null', null],
  ])('a file that is %s: defaults and one warning', (_what, raw) => {
    const r = parseKioskConfig(raw);
    expect(r.config).toEqual(defaults);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]?.field).toBe('(root)');
  });
});
