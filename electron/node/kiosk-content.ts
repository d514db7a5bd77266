/**
 * Which pack the kiosk shows: the pack store's boot selection (the active pack if it verifies,
 * else the previous, else the embedded default), with the trust the configuration gives. Also
 * the store's `commit` once the kiosk has shown the pack, so an activated pack is kept (and old
 * ones collected) only after it rendered.
 */
import { readFileSync } from 'node:fs';
import type { ActivePackInfo } from '../shared/ipc-contract';
import type { KioskConfig } from '../shared/config-schema';
import type { ActivePack } from './http/handler';
import type { Logger } from './log/logger';
import type { BuiltInIdentity, TrustPolicy } from './pack/inspector';
import { kioskTrust } from './trust/trusted-keys';
import { createPackStore, type BootPack, type BootSelection, type PackStore } from './pack/store';

export type KioskContentOptions = {
  readonly dataDir: string;
  readonly embeddedPackRoot: string;
  /** The built-in pack's build-time identity: it is trusted by that, not by any key. */
  readonly builtIn?: BuiltInIdentity | null;
  /** The development public key (a development machine's `.dev-keys/`); read only if the configuration trusts it. */
  readonly developmentKeyPath: string;
  readonly config: KioskConfig;
  readonly log: Logger;
};

export type KioskContent = {
  /** For the request handler. */
  readonly getActivePack: () => Promise<ActivePack | null>;
  /** For `app:info`. */
  readonly activePackInfo: () => ActivePackInfo;
  /** The kiosk showed the pack: commit it in the store (a no-op for the embedded default). */
  readonly confirmShown: () => Promise<void>;
  /** The pack on screen as selected (with its ref and where it came from), null when none. */
  readonly onScreen: () => BootPack | null;
  /**
   * Selects again, as at boot, after staff switched packs; the handler serves the new pack from
   * the next request on, and `confirmShown` confirms it once it has been shown.
   */
  readonly reselect: () => Promise<BootPack | null>;
  /** The store itself (staff mode) and the trust it was opened with. */
  readonly store: PackStore;
  readonly trust: TrustPolicy;
};

function readDevelopmentKey(file: string, log: Logger): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    log.warn('development key not found; only the trust list is trusted', { file, error });
    return undefined;
  }
}

/** The trust list of the data folder (the one `hallpack trust` manages) and the configuration's keys. */
function trustedKeys(opts: KioskContentOptions) {
  const devPem = opts.config.trustDevelopmentKey
    ? readDevelopmentKey(opts.developmentKeyPath, opts.log)
    : undefined;
  const trust = kioskTrust(opts.dataDir, opts.config, devPem);
  for (const warning of trust.warnings) opts.log.warn('trusted key refused', { problem: warning });
  opts.log.info('trusted keys', { keys: trust.keys.map((k) => `${k.name} (${k.id}, ${k.origin})`) });
  return trust.keys;
}

export async function openKioskContent(opts: KioskContentOptions): Promise<KioskContent> {
  const { log } = opts;
  const trust: TrustPolicy = {
    trustedKeys: trustedKeys(opts),
    allowUnsigned: opts.config.allowUnsignedPacks,
    builtIn: opts.builtIn ?? null,
  };
  if (!opts.builtIn)
    log.warn('the built-in pack has no build-time identity; it is trusted only by its signature');
  const store = createPackStore({
    dataDir: opts.dataDir,
    trustedKeys: trust.trustedKeys,
    allowUnsigned: trust.allowUnsigned,
    embeddedDefault: opts.embeddedPackRoot,
    builtIn: opts.builtIn ?? null,
    ...(opts.config.installFreeSpaceMarginMb !== undefined
      ? { freeSpaceMarginMb: opts.config.installFreeSpaceMarginMb }
      : {}),
    log,
  });

  let pack: BootPack | null = null;
  let active: ActivePack | null = null;
  let confirmed = false;

  async function select(): Promise<BootPack | null> {
    let selection: BootSelection;
    try {
      selection = await store.selectAtBoot();
    } catch (error) {
      log.error('pack selection failed', { error });
      selection = { pack: null, problems: [] };
    }
    for (const p of selection.problems) {
      const data = { code: p.code, file: p.file, rule: p.rule, message: p.message.en };
      if (p.severity === 'error') log.error('pack problem', data);
      else log.warn('pack problem', data);
    }
    pack = selection.pack;
    if (pack) log.info('pack selected', { ref: pack.ref, source: pack.source });
    else log.error('no pack could be selected; the kiosk shows its no-content screen');
    active = pack ? { root: pack.root, manifest: pack.manifest } : null;
    confirmed = false;
    return pack;
  }

  await select();
  return {
    getActivePack: () => Promise.resolve(active),
    activePackInfo: () => (active ? { id: active.manifest.id, version: active.manifest.version } : null),
    async confirmShown() {
      const shown = pack;
      if (confirmed || !shown || shown.source === 'default') return;
      confirmed = true;
      try {
        const result = await store.commit(shown.ref);
        if (result.ok) log.info('pack committed', { ref: shown.ref, removed: result.removed });
        else log.warn('pack commit refused', { ref: shown.ref, codes: result.problems.map((p) => p.code) });
      } catch (error) {
        log.error('pack commit failed', { ref: shown.ref, error });
      }
    },
    onScreen: () => pack,
    reselect: select,
    store,
    trust,
  };
}
