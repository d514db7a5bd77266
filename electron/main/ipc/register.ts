/**
 * Mounts the contract on `ipcMain`: one `handle` per channel, each through the dispatcher's
 * sender check, size cap and argument parsing. Channels outside the contract have no handler,
 * so `invoke` on them rejects in Electron itself.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { invokeChannelNames } from '../../shared/ipc-contract';
import type { IpcSenderInfo } from '../../shared/policy/ipc-sender';
import type { IpcDispatch } from './dispatch';

/**
 * What the sender check needs, read from the event. A destroyed or missing frame has no URL.
 * "Main frame" is decided by frame-tree-node id, not by wrapper identity or `parent === null`
 * (fenced frames have no parent either).
 */
export function senderInfo(event: IpcMainInvokeEvent): IpcSenderInfo {
  const frame = event.senderFrame;
  const live = frame !== null && !frame.isDestroyed();
  return {
    frameUrl: live ? frame.url : null,
    isMainFrame: live && frame.frameTreeNodeId === event.sender.mainFrame.frameTreeNodeId,
    webContentsId: event.sender.id,
  };
}

/** Register every channel; returns a function that removes them again. */
export function registerIpc(dispatch: IpcDispatch): () => void {
  for (const channel of invokeChannelNames) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => dispatch(channel, senderInfo(event), args));
  }
  return () => {
    for (const channel of invokeChannelNames) ipcMain.removeHandler(channel);
  };
}
