/**
 * Which pack the kiosk shows: the pack store's boot selection (the active pack if it verifies,
 * else the previous, else the embedded default), with the trust the configuration gives. Also
 * the store's `commit` once the kiosk has shown the pack, so an activated pack is kept (and old
 * ones collected) only after it rendered.
 *
 * Following the store: every `followMs` the pointer file is read; when another process (the
 * CLI, the schedule, staff) made another pack current, the kiosk selects again. The page keeps
 * being served the pack it loaded — `served` — until it loads the manifest again (it reloads at
 * its next idle moment when `kiosk:status` names another pack), and only then switches; the
 * selected pack waits as `pack` meanwhile. Both are leased (pack/store/lease.ts) so no process's
 * clean-up deletes them; the old one is released, and collected, once the page switched.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ActivePackInfo } from '../shared/ipc-contract';
import type { KioskConfig } from '../shared/config-schema';
import type { ActivePack } from './http/handler';
import type { Logger } from './log/logger';
import type { BuiltInIdentity, TrustPolicy } from './pack/inspector';
import { kioskTrust } from './trust/trusted-keys';
import { createPackStore, type BootPack, type BootSelection, type PackStore } from './pack/store';
import { createLeaseHolder } from './pack/store/lease';
import type { LeaseHolder } from './pack/store/lease';

/** How often the kiosk reads the store's pointer to follow a switch made by another process. */
export const FOLLOW_STORE_MS = 5_000;

/** What the request handler tells about a request for the pack. */
export type PackRequest = { manifest: boolean };

export type KioskContentOptions = {
  readonly dataDir: string;
  readonly embeddedPackRoot: string;
  /** The built-in pack's build-time identity: it is trusted by that, not by any key. */
  readonly builtIn?: BuiltInIdentity | null;
  /** The development public key (a development machine's `.dev-keys/`); read only if the configuration trusts it. */
  readonly developmentKeyPath: string;
  readonly config: KioskConfig;
  readonly log: Logger;
  /** Milliseconds between reads of the store's pointer (default FOLLOW_STORE_MS; 0: never). */
  readonly followMs?: number;
};

export type KioskContent = {
  /**
   * For the request handler: the pack the page loaded. A request for the manifest (a page
   * loading) switches to the selected pack.
   */
  readonly getActivePack: (request?: PackRequest) => Promise<ActivePack | null>;
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
  /**
   * Reads the store's pointer now and selects again when another process switched packs;
   * resolves to true when it did. Also runs every `followMs`.
   */
  readonly follow: () => Promise<boolean>;
  /** The packs this kiosk leases now (the served one and the selected one). */
  readonly leased: () => readonly string[];
  /** Stops following and releases the lease. */
  readonly close: () => Promise<void>;
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

  const packsDir = path.join(opts.dataDir, 'packs');
  const leases: LeaseHolder = createLeaseHolder(opts.dataDir, { log });
  /** A pack folder of this store (the embedded default needs no lease). */
  const inStore = (p: BootPack | null): p is BootPack =>
    p !== null && p.source !== 'default' && p.root === path.join(packsDir, p.ref);

  /** Selected: what the next page load shows. */
  let pack: BootPack | null = null;
  let active: ActivePack | null = null;
  /** Served: what the page on screen loaded (null before the first page load). */
  let served: BootPack | null = null;
  let confirmed = false;
  /** The store's current pack when the last selection started. */
  let seenCurrent: string | null | undefined;

  const leaseNow = (): Promise<void> =>
    leases.hold([served, pack].filter(inStore).map((p) => p.ref)).catch((error: unknown) => {
      log.error('pack lease not written', { error });
    });

  async function currentInStore(): Promise<string | null | undefined> {
    try {
      return (await store.state())?.current ?? null;
    } catch (error) {
      log.warn('pack store pointer unreadable', { error });
      return undefined;
    }
  }

  async function selectOnce(): Promise<BootPack | null> {
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
    return selection.pack;
  }

  async function select(): Promise<BootPack | null> {
    seenCurrent = await currentInStore();
    let next: BootPack | null = null;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      next = await selectOnce();
      // Leased before it can be served; then checked, because a clean-up that read the leases
      // before this one was written may have collected it meanwhile (see lease.ts).
      pack = next;
      await leaseNow();
      if (!inStore(next) || existsSync(path.join(next.root, 'pack.json'))) break;
      log.warn('the selected pack was removed while it was being selected; selecting again', {
        ref: next.ref,
      });
    }
    pack = next;
    if (pack) log.info('pack selected', { ref: pack.ref, source: pack.source });
    else log.error('no pack could be selected; the kiosk shows its no-content screen');
    active = pack ? { root: pack.root, manifest: pack.manifest } : null;
    confirmed = false;
    return pack;
  }

  /** The page loads the manifest: from now on it is served the selected pack. */
  function switchServed(): void {
    if (served === pack) return;
    const old = served;
    served = pack;
    if (old) log.info('the page switched packs', { from: old.ref, to: served?.ref ?? null });
    // The old one is released, then collected if the store no longer needs it (after a commit).
    void leaseNow().then(async () => {
      if (!inStore(old) || (inStore(served) && served.ref === old.ref)) return;
      const result = await store.collect().catch((error: unknown) => {
        log.warn('pack clean-up failed', { error });
        return null;
      });
      if (result?.ok && result.removed.length > 0)
        log.info('old packs collected', { removed: result.removed });
    });
  }

  let following: Promise<boolean> | null = null;
  async function followOnce(): Promise<boolean> {
    const current = await currentInStore();
    if (current === undefined || current === seenCurrent) return false;
    log.info('the store switched packs; selecting again', { from: seenCurrent ?? null, to: current });
    await select();
    return true;
  }
  const follow = (): Promise<boolean> =>
    (following ??= followOnce().finally(() => {
      following = null;
    }));

  await select();
  const followMs = opts.followMs ?? FOLLOW_STORE_MS;
  const timer = followMs > 0 ? setInterval(() => void follow(), followMs) : undefined;
  timer?.unref();
  return {
    getActivePack: (request) => {
      if (request?.manifest || served === null) switchServed();
      return Promise.resolve(served ? { root: served.root, manifest: served.manifest } : null);
    },
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
    follow,
    leased: () => leases.held(),
    close: async () => {
      if (timer !== undefined) clearInterval(timer);
      await leases.close();
    },
    store,
    trust,
  };
}
