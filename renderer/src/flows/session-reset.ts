import { errorData, log } from '../bridge/log';

/** Anything with a zustand-style `getState().sessionReset()`: every store qualifies. */
export type Resettable = { getState: () => { sessionReset: () => void } };

const registry = new Map<Resettable, string>();

/**
 * Adds a store to the set that forgets the visitor when the session ends (idle timeout).
 * Call it once at module level of your flow or screen module; registering twice is harmless.
 * Returns a function that removes the store again (tests, hot reload).
 */
export function registerSessionReset(store: Resettable, name = 'store'): () => void {
  registry.set(store, name);
  return () => {
    registry.delete(store);
  };
}

/** Calls every registered store's `sessionReset`. One failing store never blocks the others. */
export function resetRegisteredStores(): void {
  for (const [store, name] of registry) {
    try {
      store.getState().sessionReset();
    } catch (error) {
      log.error('sessionReset failed', { store: name, ...errorData(error) });
    }
  }
}

/** Names of registered stores (diagnostics and tests). */
export function registeredSessionStores(): string[] {
  return [...registry.values()];
}
