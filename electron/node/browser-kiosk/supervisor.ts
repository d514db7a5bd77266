/**
 * Browser-kiosk supervisor: runs Chromium with `--remote-debugging-pipe` and holds it to the
 * kiosk over the DevTools protocol. Target discovery and auto-attach are on, so every window,
 * tab, popup and DevTools front-end is seen the moment it exists and closed; the kiosk page's
 * document requests are intercepted (Fetch) and everything off the kiosk origin is refused before
 * it loads; Chromium is started again, with backoff, whenever it exits or loses the kiosk page.
 * The kiosk page gets one binding, `hallKioskRestart`: the nightly restart, asked for by the page
 * at an idle moment, restarts the whole Chromium (see `decidePageRestart`).
 * Which target to keep, which URL may load and how long to wait are decided by the pure
 * functions in `shared/policy/browser-kiosk.ts`; this file is the plumbing.
 *
 * What it sees and does is written to a status file (JSON, replaced atomically) that the e2e
 * test and a technician can read.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import {
  decidePageRestart,
  decideTarget,
  DEFAULT_RESTART_POLICY,
  KIOSK_RESTART_BINDING,
  isAllowedDocumentRequest,
  kioskOriginOf,
  nextRestart,
} from '../../shared/policy/browser-kiosk';
import type { BrowserTarget, RestartPolicy, RestartState } from '../../shared/policy/browser-kiosk';
import { KIOSK_CAPTURE_BINDING, parseOrientation } from '../../shared/screen-capture';
import { connectCdpPipe } from './cdp-pipe';
import { captureKioskScreen } from './screen-capture';
import type { CdpConnection, CdpEvent } from './cdp-pipe';

export type SupervisorEvent = {
  at: string;
  /** `ignored`: the kiosk page asked for a restart the supervisor did not carry out. */
  kind: 'started' | 'closed' | 'refused' | 'restart' | 'exited' | 'ignored';
  reason?: string;
  type?: string;
  url?: string;
};

export type BrowserKioskStatus = {
  state: 'starting' | 'running' | 'restarting' | 'stopped';
  pid: number | null;
  starts: number;
  kioskUrl: string;
  /** The adopted kiosk page, null until Chromium has shown it. */
  kioskTargetId: string | null;
  /**
   * `full`: attached to the kiosk page, its document requests intercepted. `targets-only`: the
   * kiosk page is known but Chromium refused to attach (a managed policy with DevTools off);
   * the policy's URL filter refuses navigation then.
   */
  interception: 'full' | 'targets-only';
  /** Loads of the kiosk page seen since this Chromium started (only with `full`). */
  kioskLoads: number;
  /** The kiosk page has painted its first content since this Chromium started. */
  kioskPainted: boolean;
  /** Every target Chromium has now (windows, workers, browser UI). */
  targets: BrowserTarget[];
  counts: { closed: number; refused: number; restarts: number };
  /** The latest events, oldest first (at most {@link MAX_EVENTS}). */
  events: SupervisorEvent[];
  updatedAt: string;
};

export const MAX_EVENTS = 100;

export type SupervisorOptions = {
  chromium: string;
  /** Chromium's arguments (the kiosk URL among them); `--remote-debugging-pipe` is added. */
  args: readonly string[];
  kioskUrl: string;
  statusFile?: string;
  /** The data folder: pictures of the visitor screen for the staff heatmap go to its analytics/screens. */
  dataDir?: string;
  restartPolicy?: RestartPolicy;
  /** One human-readable line per event. */
  say?: (line: string) => void;
  /** Chromium could not be started at all (missing, not executable): the supervisor stops. */
  onFatal?: (message: string) => void;
};

export type Supervisor = {
  status(): BrowserKioskStatus;
  /** Stops restarting, closes Chromium; resolves once it has exited. */
  stop(): Promise<void>;
  /** Resolves when the supervisor has stopped (after `stop`, or when Chromium cannot start). */
  readonly done: Promise<void>;
};

/**
 * Settings only a profile can carry: no translate bubble over the pack's Chinese text, and no
 * "restore pages?" bubble after the kiosk was killed or the power went. Written before every start.
 */
export function seedChromiumProfile(profileDir: string): void {
  const file = path.join(profileDir, 'Default', 'Preferences');
  let prefs: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      prefs = parsed as Record<string, unknown>;
  } catch {
    // First run or an unreadable file: start from nothing.
  }
  const merge = (key: string, value: Record<string, unknown>): void => {
    const old = prefs[key];
    prefs[key] = { ...(old !== null && typeof old === 'object' ? old : {}), ...value };
  };
  merge('translate', { enabled: false });
  merge('profile', { exit_type: 'Normal', exited_cleanly: true });
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(prefs), { mode: 0o600 });
}

function profileDirOf(args: readonly string[]): string | null {
  const arg = args.find((a) => a.startsWith('--user-data-dir='));
  return arg ? arg.slice('--user-data-dir='.length) : null;
}

const targetOf = (params: Record<string, unknown>): BrowserTarget | null => {
  const info = params['targetInfo'] as { targetId?: unknown; type?: unknown; url?: unknown } | undefined;
  if (!info || typeof info.targetId !== 'string') return null;
  return {
    targetId: info.targetId,
    type: typeof info.type === 'string' ? info.type : '',
    url: typeof info.url === 'string' ? info.url : '',
  };
};

export function superviseChromium(options: SupervisorOptions): Supervisor {
  const kioskOrigin = kioskOriginOf(options.kioskUrl);
  if (kioskOrigin === null) throw new Error(`not an http(s) kiosk URL: ${options.kioskUrl}`);
  const say = options.say ?? (() => undefined);
  const policy = options.restartPolicy ?? DEFAULT_RESTART_POLICY;
  const status: BrowserKioskStatus = {
    state: 'starting',
    pid: null,
    starts: 0,
    kioskUrl: options.kioskUrl,
    kioskTargetId: null,
    interception: 'targets-only',
    kioskLoads: 0,
    kioskPainted: false,
    targets: [],
    counts: { closed: 0, refused: 0, restarts: 0 },
    events: [],
    updatedAt: new Date().toISOString(),
  };
  let child: ChildProcess | null = null;
  let cdp: CdpConnection | null = null;
  let startedAt = 0;
  let backoff: RestartState = { quickExits: 0 };
  let lastPageRestartAt: number | null = null;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped: () => void = () => undefined;
  const stoppedPromise = new Promise<void>((resolve) => (stopped = resolve));
  const targets = new Map<string, BrowserTarget>();
  /** sessionId → targetId of the sessions auto-attach gave us. */
  const sessions = new Map<string, string>();
  let kioskSession: string | null = null;
  /** Targets already told to close (their later info changes are not new windows). */
  const closing = new Set<string>();

  const publish = (): void => {
    status.targets = [...targets.values()];
    status.updatedAt = new Date().toISOString();
    if (!options.statusFile) return;
    try {
      mkdirSync(path.dirname(options.statusFile), { recursive: true });
      const tmp = `${options.statusFile}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(status, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, options.statusFile);
    } catch {
      // The status file is for people and tests; the lockdown goes on without it.
    }
  };

  const record = (event: Omit<SupervisorEvent, 'at'>, line: string): void => {
    status.events.push({ at: new Date().toISOString(), ...event });
    if (status.events.length > MAX_EVENTS) status.events.splice(0, status.events.length - MAX_EVENTS);
    say(line);
    publish();
  };

  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): void => {
    // Fire and forget: a target that is already gone answers with an error, which is fine.
    cdp?.send(method, params, sessionId).catch(() => undefined);
  };

  /** Ends this Chromium; its exit handler starts the next one. */
  const restartChromium = (reason: string, url?: string): void => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    status.counts.restarts += 1;
    record(
      { kind: 'restart', reason, ...(url === undefined ? {} : { url }) },
      `browser kiosk: restarting Chromium (${reason}${url === undefined ? '' : ` ${url}`})`,
    );
    child.kill('SIGTERM');
  };

  const closeTarget = (target: BrowserTarget, reason: string, sessionId?: string, count = true): void => {
    // Refuse every document first: a window typed into before it closes loads nothing.
    if (sessionId)
      send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] }, sessionId);
    send('Target.closeTarget', { targetId: target.targetId });
    if (!count) return;
    closing.add(target.targetId);
    status.counts.closed += 1;
    record(
      { kind: 'closed', reason, type: target.type, url: target.url },
      `browser kiosk: closed ${target.type} ${target.url || '(blank)'} (${reason})`,
    );
  };

  const consider = (target: BrowserTarget, sessionId?: string): void => {
    targets.set(target.targetId, target);
    if (closing.has(target.targetId)) {
      if (sessionId) closeTarget(target, 'closing', sessionId, false);
      publish();
      return;
    }
    const decision = decideTarget(target, kioskOrigin, status.kioskTargetId);
    switch (decision.action) {
      case 'adopt':
        status.kioskTargetId = target.targetId;
        publish();
        return;
      case 'keep':
        publish();
        return;
      case 'close':
        closeTarget(target, decision.reason, sessionId);
        return;
      case 'restart':
        restartChromium(decision.reason, target.url);
        return;
      default: {
        const never: never = decision;
        throw new Error(`unhandled decision ${JSON.stringify(never)}`);
      }
    }
  };

  const onAttached = (params: Record<string, unknown>): void => {
    const target = targetOf(params);
    const sessionId = params['sessionId'];
    if (!target || typeof sessionId !== 'string') return;
    sessions.set(sessionId, target.targetId);
    consider(target, sessionId);
    const resume = (): void => {
      if (params['waitingForDebugger'] === true) send('Runtime.runIfWaitingForDebugger', {}, sessionId);
    };
    if (target.targetId !== status.kioskTargetId) {
      // Workers and browser UI run on; closed targets go away paused.
      if (decideTarget(target, kioskOrigin, status.kioskTargetId).action === 'keep') resume();
      return;
    }
    kioskSession = sessionId;
    const conn = cdp;
    if (!conn) return;
    void Promise.all([
      conn.send(
        'Fetch.enable',
        { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }] },
        sessionId,
      ),
      conn.send('Inspector.enable', {}, sessionId),
      conn.send('Page.enable', {}, sessionId),
      conn.send('Page.setLifecycleEventsEnabled', { enabled: true }, sessionId),
      // Installed before the page runs (it waits for the debugger) and kept across its reloads;
      // V8 adds bindings to contexts created later only with the Runtime domain enabled.
      conn
        .send('Runtime.enable', {}, sessionId)
        .then(() =>
          Promise.all([
            conn.send('Runtime.addBinding', { name: KIOSK_RESTART_BINDING }, sessionId),
            options.dataDir === undefined
              ? undefined
              : conn.send('Runtime.addBinding', { name: KIOSK_CAPTURE_BINDING }, sessionId),
          ]),
        ),
    ]).then(
      () => {
        status.interception = 'full';
        publish();
        resume();
        // The first load and paint may have happened before Page.enable: read them once.
        const expression =
          "[document.readyState === 'complete', performance.getEntriesByName('first-contentful-paint').length > 0]";
        conn
          .send('Runtime.evaluate', { expression, returnByValue: true }, sessionId)
          .then((r) => {
            const value = (r['result'] as { value?: unknown } | undefined)?.value;
            if (!Array.isArray(value)) return;
            if (value[0] === true && status.kioskLoads === 0) status.kioskLoads = 1;
            if (value[1] === true) status.kioskPainted = true;
            publish();
          })
          .catch(() => undefined);
      },
      () => resume(),
    );
  };

  const onRequestPaused = (event: CdpEvent): void => {
    const requestId = event.params['requestId'];
    const url = (event.params['request'] as { url?: unknown } | undefined)?.url;
    if (typeof requestId !== 'string' || !event.sessionId) return;
    const fromKiosk = event.sessionId === kioskSession;
    if (fromKiosk && typeof url === 'string' && isAllowedDocumentRequest(url, kioskOrigin)) {
      send('Fetch.continueRequest', { requestId }, event.sessionId);
      return;
    }
    // `Aborted` cancels a navigation without an error page: the kiosk page stays as it was.
    send('Fetch.failRequest', { requestId, errorReason: 'Aborted' }, event.sessionId);
    status.counts.refused += 1;
    record(
      { kind: 'refused', reason: fromKiosk ? 'off-origin' : 'closing-window', url: String(url) },
      `browser kiosk: refused ${String(url)}`,
    );
  };

  const onEvent = (event: CdpEvent): void => {
    switch (event.method) {
      case 'Target.targetCreated':
      case 'Target.targetInfoChanged': {
        const target = targetOf(event.params);
        if (target) consider(target);
        return;
      }
      case 'Target.targetDestroyed': {
        const id = event.params['targetId'];
        if (typeof id !== 'string') return;
        targets.delete(id);
        closing.delete(id);
        if (id === status.kioskTargetId) {
          status.kioskTargetId = null;
          kioskSession = null;
          restartChromium('kiosk-page-closed');
        }
        publish();
        return;
      }
      case 'Target.attachedToTarget':
        onAttached(event.params);
        return;
      case 'Target.detachedFromTarget': {
        const sessionId = event.params['sessionId'];
        if (typeof sessionId === 'string') sessions.delete(sessionId);
        if (sessionId === kioskSession) kioskSession = null;
        return;
      }
      case 'Fetch.requestPaused':
        onRequestPaused(event);
        return;
      case 'Page.loadEventFired':
        if (event.sessionId === kioskSession) {
          status.kioskLoads += 1;
          publish();
        }
        return;
      case 'Page.lifecycleEvent':
        if (event.sessionId === kioskSession && event.params['name'] === 'firstContentfulPaint') {
          status.kioskPainted = true;
          publish();
        }
        return;
      case 'Runtime.bindingCalled': {
        if (event.sessionId !== kioskSession) return;
        if (event.params['name'] === KIOSK_CAPTURE_BINDING && cdp && options.dataDir !== undefined) {
          const orientation = parseOrientation(event.params['payload']);
          if (orientation === null) return;
          captureKioskScreen(cdp, event.sessionId, options.dataDir, orientation).then(
            (saved) => {
              if (saved)
                say(`browser kiosk: stored a picture of the ${orientation} screen for the staff heatmap`);
            },
            (error: unknown) => say(`browser kiosk: no screen picture: ${(error as Error).message}`),
          );
          return;
        }
        if (event.params['name'] !== KIOSK_RESTART_BINDING) return;
        const raw = event.params['payload'];
        const payload = typeof raw === 'string' ? raw : '';
        const now = Date.now();
        const decision = decidePageRestart(payload, lastPageRestartAt, now);
        if (decision.restart) {
          lastPageRestartAt = now;
          restartChromium(decision.reason);
        } else {
          record(
            { kind: 'ignored', reason: decision.why },
            `browser kiosk: restart not done: ${decision.why}`,
          );
        }
        return;
      }
      case 'Inspector.targetCrashed':
        if (event.sessionId === kioskSession) restartChromium('kiosk-page-crashed');
        return;
      default:
        return;
    }
  };

  const launch = (): void => {
    timer = undefined;
    if (stopping) return;
    const profile = profileDirOf(options.args);
    if (profile) seedChromiumProfile(profile);
    targets.clear();
    sessions.clear();
    closing.clear();
    kioskSession = null;
    status.kioskTargetId = null;
    status.interception = 'targets-only';
    status.kioskLoads = 0;
    status.kioskPainted = false;
    const proc = spawn(options.chromium, [...options.args, '--remote-debugging-pipe'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    });
    child = proc;
    startedAt = Date.now();
    status.starts += 1;
    status.state = 'running';
    status.pid = proc.pid ?? null;
    proc.on('error', (error) => {
      // ENOENT / EACCES: nothing to restart.
      stopping = true;
      status.state = 'stopped';
      publish();
      options.onFatal?.(`cannot start ${options.chromium}: ${error.message}`);
      stopped();
    });
    const conn = connectCdpPipe(proc.stdio[3] as Writable, proc.stdio[4] as Readable);
    cdp = conn;
    conn.onEvent(onEvent);
    record({ kind: 'started' }, `browser kiosk: Chromium started (pid ${proc.pid ?? '?'})`);
    void conn
      .send('Target.setDiscoverTargets', { discover: true })
      .then(() =>
        conn.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }),
      )
      .catch(() => undefined);
    proc.on('exit', (code, signal) => {
      if (child === proc) child = null;
      if (cdp === conn) cdp = null;
      targets.clear();
      status.kioskTargetId = null;
      status.pid = null;
      const ranMs = Date.now() - startedAt;
      record(
        { kind: 'exited', reason: signal ?? `code ${code ?? '?'}` },
        `browser kiosk: Chromium exited (${signal ?? `code ${code ?? '?'}`}) after ${Math.round(ranMs / 1000)} s`,
      );
      if (stopping) {
        status.state = 'stopped';
        publish();
        stopped();
        return;
      }
      const next = nextRestart(backoff, ranMs, policy);
      backoff = next.state;
      status.state = 'restarting';
      publish();
      timer = setTimeout(launch, next.delayMs);
    });
  };

  launch();

  return {
    status: () => structuredClone(status),
    done: stoppedPromise,
    stop() {
      stopping = true;
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
        status.state = 'stopped';
        publish();
        stopped();
      } else if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
      } else {
        status.state = 'stopped';
        publish();
        stopped();
      }
      return stoppedPromise;
    },
  };
}
