/**
 * Staff channel handlers for tests that are about something else: each answers "session ended".
 */
import { problem } from '../../../../electron/shared/problems';
import type { StaffCalls } from '../../../../electron/node/staff/staff-calls';

const ended = () =>
  Promise.resolve({ ok: false as const, problems: [problem('staff.session-ended', 'staff', {})] });

export function staffStubs(): StaffCalls {
  return {
    'staff:hello': () =>
      Promise.resolve({
        ok: true as const,
        staffChord: 'Ctrl+Alt+Shift+K',
        pinConfigured: false,
        lockedSeconds: 0,
        storeAvailable: false,
      }),
    'staff:unlock': ended,
    'staff:status': ended,
    'staff:scan': ended,
    'staff:preview': ended,
    'staff:install': ended,
    'staff:activate': ended,
    'staff:rollback': ended,
    'staff:remove': ended,
    'staff:export': ended,
    'staff:lock': () => Promise.resolve({ ok: true as const }),
    'staff:schedule': ended,
    'staff:analytics': ended,
  };
}
