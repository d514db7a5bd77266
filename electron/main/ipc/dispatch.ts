/**
 * The IPC gate, independent of Electron so it is unit-tested as is. For every request, in this
 * order: the channel is in the contract, the sender is the kiosk's own top frame, the arguments
 * are small enough, and they parse against the contract; only then does the handler run, and its
 * result is parsed before it leaves. A refusal rejects with a short, detail-free message (the
 * page learns nothing about why) and a log line for the technician.
 */
import {
  MAX_IPC_ARGS_CHARS,
  invokeChannels,
  type ChannelArgs,
  type ChannelResult,
  type InvokeChannel,
} from '../../shared/ipc-contract';
import {
  isTrustedSender,
  type IpcSenderInfo,
  type TrustedSenderPolicy,
} from '../../shared/policy/ipc-sender';
import type { Logger } from '../../node/log/logger';

/**
 * One handler per contract channel. A channel added to the contract without a handler here is a
 * compile error wherever a value of this type is built.
 */
export type IpcHandlers = {
  readonly [C in InvokeChannel]: (...args: ChannelArgs<C>) => Promise<ChannelResult<C>> | ChannelResult<C>;
};

/** Why a request was refused. */
export type IpcRefusal = 'unknown-channel' | 'untrusted-sender' | 'too-large' | 'bad-arguments' | 'failed';

/** What the page sees when a request is refused: the reason code only. */
export class IpcRefusedError extends Error {
  constructor(readonly refusal: IpcRefusal) {
    super(`kiosk: request refused (${refusal})`);
    this.name = 'IpcRefusedError';
  }
}

export type IpcDispatcherOptions = {
  readonly handlers: IpcHandlers;
  /** Read on every request: the kiosk window may have been recreated since. */
  readonly senderPolicy: () => TrustedSenderPolicy;
  readonly log: Logger;
  readonly maxArgsChars?: number;
};

export type IpcDispatch = (
  channel: string,
  sender: IpcSenderInfo,
  args: readonly unknown[],
) => Promise<unknown>;

function isContractChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(invokeChannels, channel);
}

/** JSON length of the arguments, or `null` when they are not plain JSON data (or too large to say). */
function serializedLength(args: readonly unknown[]): number | null {
  try {
    const json = JSON.stringify(args) as string | undefined;
    return json === undefined ? null : json.length;
  } catch {
    return null;
  }
}

function run(handlers: IpcHandlers, channel: InvokeChannel, args: unknown): Promise<unknown> {
  // The mapped type guarantees the pairing; TypeScript cannot follow a correlated union here.
  const handler = handlers[channel] as (...a: unknown[]) => unknown;
  return Promise.resolve(handler(...(args as unknown[])));
}

/** Build the gate used by every `ipcMain.handle` registration. */
export function createIpcDispatcher(opts: IpcDispatcherOptions): IpcDispatch {
  const maxChars = opts.maxArgsChars ?? MAX_IPC_ARGS_CHARS;
  const { log } = opts;
  return async (channel, sender, rawArgs) => {
    if (!isContractChannel(channel)) {
      log.warn('ipc refused: unknown channel', { channel: channel.slice(0, 64) });
      throw new IpcRefusedError('unknown-channel');
    }
    if (!isTrustedSender(sender, opts.senderPolicy())) {
      log.warn('ipc refused: untrusted sender', {
        channel,
        frameUrl: sender.frameUrl?.slice(0, 256) ?? null,
        isMainFrame: sender.isMainFrame,
        webContentsId: sender.webContentsId,
      });
      throw new IpcRefusedError('untrusted-sender');
    }
    const size = serializedLength(rawArgs);
    if (size === null || size > maxChars) {
      log.warn('ipc refused: arguments too large or not JSON data', { channel, size, max: maxChars });
      throw new IpcRefusedError('too-large');
    }
    const spec = invokeChannels[channel];
    const args = spec.args.safeParse(rawArgs);
    if (!args.success) {
      log.warn('ipc refused: bad arguments', {
        channel,
        issues: args.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
      });
      throw new IpcRefusedError('bad-arguments');
    }
    let value: unknown;
    try {
      value = await run(opts.handlers, channel, args.data);
    } catch (error) {
      log.error('ipc handler failed', { channel, error });
      throw new IpcRefusedError('failed');
    }
    const result = spec.result.safeParse(value);
    if (!result.success) {
      log.error('ipc handler returned a result outside the contract', {
        channel,
        issues: result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
      });
      throw new IpcRefusedError('failed');
    }
    return result.data;
  };
}
