/**
 * Sandboxed preload (bundled to dist-electron/preload.cjs). Exposes `window.kiosk`, derived from
 * the IPC contract: one named method per channel, each forwarding only its arguments through
 * `ipcRenderer.invoke`. Page code never sees `ipcRenderer`, the IPC event or any Node API.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createKioskApi } from '../shared/ipc-channels';

contextBridge.exposeInMainWorld(
  'kiosk',
  createKioskApi((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
