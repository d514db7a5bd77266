/**
 * `window.__hallDebug`: readouts for e2e tests and the benchmark, installed only when the page
 * was opened with `?debug=1`. Each part of the app adds its own entry.
 */
type DebugRegistry = Record<string, unknown>;

type DebugWindow = { __hallDebug?: DebugRegistry };

/** Adds `api` under `name`; returns the function that removes it. */
export function installDebug(name: string, api: unknown): () => void {
  const w = globalThis as unknown as DebugWindow;
  const registry: DebugRegistry = w.__hallDebug ?? {};
  registry[name] = api;
  w.__hallDebug = registry;
  return () => {
    const current = w.__hallDebug;
    if (current && current[name] === api) delete current[name];
  };
}
