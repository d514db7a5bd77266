import { describe, expect, it, vi } from 'vitest';
import {
  registerSessionReset,
  registeredSessionStores,
  resetRegisteredStores,
} from '../../../../renderer/src/flows/session-reset';

describe('session reset registry', () => {
  it('registers once per store, resets each, and unregisters', () => {
    const sessionReset = vi.fn();
    const store = { getState: () => ({ sessionReset }) };
    const off = registerSessionReset(store, 'sand-table');
    registerSessionReset(store, 'sand-table');
    expect(registeredSessionStores().filter((n) => n === 'sand-table')).toHaveLength(1);
    resetRegisteredStores();
    expect(sessionReset).toHaveBeenCalledTimes(1);
    off();
    resetRegisteredStores();
    expect(sessionReset).toHaveBeenCalledTimes(1);
  });
});
