/**
 * The staff channels of the IPC contract, mapped onto the staff service: one table that both
 * Electron's IPC handlers and the hall server's `/api/staff/*` endpoints use, so the two modes
 * cannot drift apart. Arguments arrive already parsed against the contract.
 */
import { invokeChannelNames } from '../../shared/ipc-contract';
import type { ChannelArgs, ChannelResult, StaffChannel } from '../../shared/ipc-contract';
import type { StaffService } from './staff-service';

/** One function per staff channel, typed from the contract. */
export type StaffCalls = {
  readonly [C in StaffChannel]: (...args: ChannelArgs<C>) => Promise<ChannelResult<C>>;
};

export function createStaffCalls(service: StaffService): StaffCalls {
  return {
    'staff:hello': () => service.hello(),
    'staff:unlock': (pin) => service.unlock(pin),
    'staff:status': (token) => service.status(token),
    'staff:scan': (token) => service.scan(token),
    'staff:preview': (token, path) => service.preview(token, path),
    'staff:install': (token, path) => service.install(token, path),
    'staff:activate': (token, ref) => service.activate(token, ref),
    'staff:rollback': (token) => service.rollback(token),
    'staff:remove': (token, ref) => service.remove(token, ref),
    'staff:export': (token, target, input) => service.exportStats(token, target, input),
    'staff:lock': (token) => service.lock(token),
    'staff:analytics': (token, range) => service.analytics(token, range),
    'staff:schedule': (token, action) => service.schedule(token, action),
  };
}

/** Staff channel names, for routing (`/api/staff/<name>` → `staff:<name>`). */
export const staffChannelNames: readonly StaffChannel[] = invokeChannelNames.filter((c): c is StaffChannel =>
  c.startsWith('staff:'),
);
