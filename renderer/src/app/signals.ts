/**
 * Test and diagnostics signals, as data-* attributes on <html>. Conventions (keep them stable,
 * e2e specs and the benchmark wait on them instead of sleeping):
 *
 *   data-app-ready="true"   the pack manifest is loaded and the first screen has painted
 *   data-app-error="…"      no-pack | invalid | unreachable | crash (a calm fallback is showing)
 *   data-screen="…"         attract | home | sand-table | timeline | staff
 *   data-lang="…"           zh-Hans | en (also the `lang` attribute)
 *   data-idle="…"           active | countdown
 *   data-hours="…"          open | closed (the hall's opening hours); data-volume-cap="0…1"
 *   data-idle-seconds="…"   the idle timeout in force; data-idle-source: url | config | pack | built-in
 *   data-large-text / data-high-contrast / data-reduced-motion = "true" | "false"
 *
 * Other parts add their own with `setSignal`, camel-cased here and dashed in the DOM, e.g.
 * `setSignal('sceneReady', 'true')` → data-scene-ready="true", `timelineReady`, `frameRendered`.
 * Clear them on unmount with `clearSignal` so a stale "ready" never leaks between screens.
 */
export function setSignal(name: string, value: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset[name] = value;
}

export function clearSignal(name: string): void {
  if (typeof document === 'undefined') return;
  delete document.documentElement.dataset[name];
}
