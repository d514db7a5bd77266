/**
 * build/electron-builder.yml: valid for the installed electron-builder (its own schema check),
 * with the fuses and file set RELIABILITY.md asks for. `npm run dist` needs a network, so this is
 * what can be checked here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type BuilderConfig = {
  electronFuses?: Record<string, boolean>;
  files?: (string | { filter?: string[] })[];
  asar?: boolean;
  extraResources?: (string | { from?: string; to?: string; filter?: string[] })[];
  linux?: { target?: string[] };
  win?: { target?: { target: string }[] };
  productName?: string;
};
type ConfigModule = {
  getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(
    config: BuilderConfig,
    debugLogger: { isEnabled: boolean; add(): void },
  ): Promise<void>;
};

const repo = path.resolve(import.meta.dirname, '../../..');
const configModule = createRequire(import.meta.url)(
  'app-builder-lib/out/util/config/config.js',
) as ConfigModule;

async function loadConfig(): Promise<BuilderConfig> {
  const config = await configModule.getConfig(repo, path.join(repo, 'build', 'electron-builder.yml'), null);
  await configModule.validateConfiguration(config, { isEnabled: false, add: () => undefined });
  return config;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(loadConfig()).resolves.toBeTruthy();
  });

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['grantFileProtocolExtraPrivileges', false],
    ['onlyLoadAppFromAsar', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['enableCookieEncryption', true],
  ])('fuse %s is %s', async (fuse, value) => {
    expect((await loadConfig()).electronFuses?.[fuse]).toBe(value);
  });

  it('packs only the bundles into the asar, and the default pack beside it', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    expect(config.productName).toBe('Hall Kiosk');
    // electron-builder normalises `files` into [{ filter: [...] }].
    const files = (config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
    expect(files).toEqual([
      'package.json',
      'dist/renderer/**/*',
      'dist-electron/main.cjs',
      'dist-electron/preload.cjs',
      '!**/*.map',
      '!node_modules/**/*',
    ]);
    expect(config.extraResources).toEqual([
      expect.objectContaining({ from: 'dist/packs/default', to: 'packs/default' }),
    ]);
  });

  it('targets AppImage + deb and NSIS', async () => {
    const config = await loadConfig();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target?.map((t) => t.target)).toEqual(['nsis']);
  });

  it('is the only packaging configuration (no "build" field in package.json)', () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).not.toHaveProperty('build');
    expect(pkg.main).toBe('dist-electron/main.cjs');
  });
});
