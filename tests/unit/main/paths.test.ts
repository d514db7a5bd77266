import { describe, expect, it } from 'vitest';
import { appPaths } from '../../../electron/main/paths';

describe('appPaths', () => {
  it('packaged: renderer in the asar, default pack beside it in resources', () => {
    expect(
      appPaths({
        isPackaged: true,
        appPath: '/opt/Hall Kiosk/resources/app.asar',
        resourcesPath: '/opt/Hall Kiosk/resources',
        mainDir: '/opt/Hall Kiosk/resources/app.asar/dist-electron',
      }),
    ).toEqual({
      rendererRoot: '/opt/Hall Kiosk/resources/app.asar/dist/renderer',
      preloadPath: '/opt/Hall Kiosk/resources/app.asar/dist-electron/preload.cjs',
      embeddedPackRoot: '/opt/Hall Kiosk/resources/packs/default',
      developmentKeyPath: '/opt/Hall Kiosk/resources/app.asar/.dev-keys/dev-public.pem',
    });
  });

  it('unpackaged: the repository build output', () => {
    expect(
      appPaths({
        isPackaged: false,
        appPath: '/work/main',
        resourcesPath: '/work/main/node_modules/electron/dist/resources',
        mainDir: '/work/main/dist-electron',
      }),
    ).toEqual({
      rendererRoot: '/work/main/dist/renderer',
      preloadPath: '/work/main/dist-electron/preload.cjs',
      embeddedPackRoot: '/work/main/dist/packs/default',
      developmentKeyPath: '/work/main/.dev-keys/dev-public.pem',
    });
  });
});
