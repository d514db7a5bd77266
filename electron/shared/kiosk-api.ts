/**
 * The renderer's view of `window.kiosk`. Types only: the renderer imports these with
 * `import type` and declares `interface Window { kiosk?: KioskApi }` in its bridge
 * (absent in browser mode).
 */
export type { KioskApi, AppInfo, AppHealth, ActivePackInfo, InvokeChannel } from './ipc-contract';
