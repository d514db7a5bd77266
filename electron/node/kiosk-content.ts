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
import { trustedKeysFor } from './config/config';
import { loadTrustedKey, type TrustedKey } from './pack/signature';
import { createPackStore, type BootPack, type BootSelection } from './pack/store';

export type KioskContentOptions = {
  readonly dataDir: string;
  readonly embeddedPackRoot: string;
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
};

function readDevelopmentKey(file: string, log: Logger): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    log.warn('development key not found; only configured keys are trusted', { file, error });
    return undefined;
  }
}

function trustedKeys(opts: KioskContentOptions): TrustedKey[] {
  const devPem = opts.config.trustDevelopmentKey
    ? readDevelopmentKey(opts.developmentKeyPath, opts.log)
    : undefined;
  const keys: TrustedKey[] = [];
  for (const k of trustedKeysFor(opts.config, devPem)) {
    const loaded = loadTrustedKey(k.publicKeyPem, k.name ?? 'config.json trustedKeys');
    if (loaded.ok) keys.push(loaded.value);
    else opts.log.warn('trusted key refused', { key: k.name ?? null, problem: loaded.problem.message.en });
  }
  return keys;
}

export async function openKioskContent(opts: KioskContentOptions): Promise<KioskContent> {
  const { log } = opts;
  const store = createPackStore({
    dataDir: opts.dataDir,
    trustedKeys: trustedKeys(opts),
    allowUnsigned: opts.config.allowUnsignedPacks,
    embeddedDefault: opts.embeddedPackRoot,
    log,
  });
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
  const pack: BootPack | null = selection.pack;
  if (pack) log.info('pack selected', { ref: pack.ref, source: pack.source });
  else log.error('no pack could be selected; the kiosk shows its no-content screen');
  const active: ActivePack | null = pack ? { root: pack.root, manifest: pack.manifest } : null;

  let confirmed = false;
  return {
    getActivePack: () => Promise.resolve(active),
    activePackInfo: () => (active ? { id: active.manifest.id, version: active.manifest.version } : null),
    async confirmShown() {
      if (confirmed || !pack || pack.source === 'default') return;
      confirmed = true;
      try {
        const result = await store.commit(pack.ref);
        if (result.ok) log.info('pack committed', { ref: pack.ref, removed: result.removed });
        else log.warn('pack commit refused', { ref: pack.ref, codes: result.problems.map((p) => p.code) });
      } catch (error) {
        log.error('pack commit failed', { ref: pack.ref, error });
      }
    },
  };
}
