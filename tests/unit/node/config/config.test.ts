import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../electron/node/config/config';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pem = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n';

describe('loadConfig', () => {
  it('uses safe defaults when there is no file', () => {
    const { config, problem } = loadConfig(dir);
    expect(problem).toBeUndefined();
    expect(config.allowUnsignedPacks).toBe(false);
    // A fresh kiosk trusts no development key; its built-in pack is trusted by its build identity.
    expect(config.trustDevelopmentKey).toBe(false);
    // Unset: the pack's value or the built-in one applies (hall-settings.ts).
    expect(config.idleTimeoutSeconds).toBeUndefined();
  });
  it('reads a valid file, BOM included', () => {
    writeFileSync(
      join(dir, 'config.json'),
      '\uFEFF' + JSON.stringify({ idleTimeoutSeconds: 60, trustedKeys: [{ publicKeyPem: pem }] }),
    );
    const { config, problem } = loadConfig(dir);
    expect(problem).toBeUndefined();
    expect(config.idleTimeoutSeconds).toBe(60);
    expect(config.trustedKeys).toHaveLength(1);
  });
  it('keeps running on defaults and names the file and rule when the file is damaged', () => {
    writeFileSync(join(dir, 'config.json'), '{ "idleTimeoutSeconds": ');
    expect(loadConfig(dir).problem).toMatch(/config\.json: not valid JSON/);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ idleTimeoutSeconds: 2 }));
    const r = loadConfig(dir);
    expect(r.problem).toMatch(/config\.json: idleTimeoutSeconds: .*at its default \(value 2\)/);
    expect(r.config.idleTimeoutSeconds).toBeUndefined();
  });
  it('one invalid field falls back alone: the trusted keys and every other setting stay in force', () => {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        trustedKeys: [{ name: 'hall', publicKeyPem: pem }],
        trustDevelopmentKey: false,
        idleTimeoutSeconds: 'ninety',
        staffSessionMinutes: 5,
      }),
    );
    const r = loadConfig(dir);
    expect(r.config.trustedKeys).toEqual([{ name: 'hall', publicKeyPem: pem }]);
    expect(r.config.trustDevelopmentKey).toBe(false);
    expect(r.config.staffSessionMinutes).toBe(5);
    expect(r.config.idleTimeoutSeconds).toBeUndefined();
    expect(r.warnings.map((w) => [w.field, w.value])).toEqual([['idleTimeoutSeconds', '"ninety"']]);
    expect(r.warnings[0]?.message).toMatch(/at its default$/);
  });
});
