import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { registerIpc, senderInfo } from '../../../../electron/main/ipc/register';
import { invokeChannelNames } from '../../../../electron/shared/ipc-contract';
import { FakeWebContents, invokeEvent, ipcMain, resetFakeElectron } from '../fake-electron';

vi.mock('electron', () => import('../fake-electron'));

beforeEach(() => resetFakeElectron());

const asEvent = (e: unknown): IpcMainInvokeEvent => e as IpcMainInvokeEvent;

describe('registerIpc', () => {
  it('handles every contract channel and nothing else, and can be undone', () => {
    const undo = registerIpc(() => Promise.resolve(null));
    expect([...ipcMain.handlers.keys()]).toEqual(invokeChannelNames);
    undo();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes channel, sender info and the raw arguments to the dispatcher, never the event', async () => {
    const dispatch = vi.fn((..._a: unknown[]) => Promise.resolve('ok'));
    registerIpc(dispatch);
    const wc = new FakeWebContents();
    const listener = ipcMain.handlers.get('app:info');
    await expect(listener?.(invokeEvent(wc), 1, 'two')).resolves.toBe('ok');
    expect(dispatch).toHaveBeenCalledWith(
      'app:info',
      { frameUrl: 'hall://kiosk/', isMainFrame: true, webContentsId: wc.id },
      [1, 'two'],
    );
  });
});

describe('senderInfo', () => {
  const wc = new FakeWebContents();
  it.each([
    [
      'the main frame',
      invokeEvent(wc),
      { frameUrl: 'hall://kiosk/', isMainFrame: true, webContentsId: wc.id },
    ],
    [
      'a sub-frame',
      invokeEvent(wc, 'hall://kiosk/frame', 5),
      { frameUrl: 'hall://kiosk/frame', isMainFrame: false, webContentsId: wc.id },
    ],
    [
      'no frame',
      { sender: wc, senderFrame: null },
      { frameUrl: null, isMainFrame: false, webContentsId: wc.id },
    ],
    [
      'a destroyed frame',
      {
        sender: wc,
        senderFrame: {
          url: 'hall://kiosk/',
          frameTreeNodeId: wc.mainFrame.frameTreeNodeId,
          isDestroyed: () => true,
        },
      },
      { frameUrl: null, isMainFrame: false, webContentsId: wc.id },
    ],
  ])('%s', (_name, event, expected) => {
    expect(senderInfo(asEvent(event))).toEqual(expected);
  });
});
