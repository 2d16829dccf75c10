/**
 * A store whose every method first awaits `ready()` (the tables exist) and then runs. The app opens storage on the
 * first call that needs it, not at start, so that routes needing no storage answer while storage is down.
 * Every method of the stores (SubmissionStore, IdempotencyStore, FundsStore, YearLockStore) returns a promise.
 */
export function afterReady<T extends object>(ready: () => Promise<void>, store: T): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== 'function') return member;
      return async (...args: unknown[]): Promise<unknown> => {
        await ready();
        return (member as (...parameters: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
