/**
 * `locks.request`, always as a promise: a Locks API that refuses at once (a throw, from a page or
 * an extension that patched it) rejects like one that refuses later (an opaque origin's
 * SecurityError), so each caller has one place for its fallback.
 */
export const requestLock = (locks: LockManager, name: string, options: LockOptions, fn: (lock: Lock | null) => unknown): Promise<unknown> =>
  Promise.resolve().then(() => locks.request(name, options, fn));
