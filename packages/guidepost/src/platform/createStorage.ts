/** Where progress and the trail are kept. Either method may return a Promise. */
export interface StorageAdapter {
  load(key: string): string | null | undefined | Promise<string | null | undefined>;
  save(key: string, value: string): void | Promise<void>;
}
export type StorageOption = 'local' | 'memory' | StorageAdapter;

export function memoryStorage(): StorageAdapter {
  const m = new Map<string, string>();
  return { load: (k) => m.get(k) ?? null, save: (k, v) => void m.set(k, v) };
}

const localStorageAdapter = (w: Window): StorageAdapter => ({
  load: (k) => w.localStorage.getItem(k),
  save: (k, v) => w.localStorage.setItem(k, v),
});

/**
 * How long load() may take before the SDK goes on without it. localStorage answers at once, and
 * IndexedDB or a server in well under a second; past 3 s an adapter is hung (a promise nothing
 * settles), and the user would be looking at a page that never shows its welcome.
 */
export const LOAD_WAIT_MS = 3000;

/**
 * The storage in use. When it throws (private mode, quota full, a broken adapter) or load() gives
 * no answer within LOAD_WAIT_MS, it falls back to memory for the rest of the page's life, and
 * reports it once: guidance goes on, nothing is lost for this page view. A late answer is ignored,
 * and nothing more is written to that storage: its record, never read, is not overwritten with a
 * fresh start (the next page load reads it again).
 */
export function createStorage(option: StorageOption | undefined, w: Window, onFail: (e: unknown) => void) {
  let adapter: StorageAdapter = option === 'memory' ? memoryStorage() : typeof option === 'object' && option ? option : localStorageAdapter(w);
  let failed = option === 'memory';
  const fallback = (e: unknown, key: string, value?: string) => {
    if (failed) return;
    failed = true;
    adapter = memoryStorage();
    if (value !== undefined) adapter.save(key, value);
    onFail(e);
  };
  return {
    async load(key: string): Promise<string | null> {
      let timer = 0;
      try {
        return (await Promise.race([adapter.load(key), new Promise<never>((_, fail) => {
          // the Error is made only when the time is up: making one captures a stack, ~2 ms on a cold page
          timer = w.setTimeout(() => fail(Error('load() gave no answer within 3 s')), LOAD_WAIT_MS);
        })])) ?? null;
      } catch (e) {
        fallback(e, key);
        return null;
      } finally {
        w.clearTimeout(timer);
      }
    },
    save(key: string, value: string): void {
      try {
        const r = adapter.save(key, value);
        if (r && typeof r.then === 'function') r.then(undefined, (e) => fallback(e, key, value));
      } catch (e) {
        fallback(e, key, value);
      }
    },
    /** shared with other tabs through `storage` events? (memory starts as failed) */
    get shared() {
      return !failed && typeof option !== 'object';
    },
  };
}
export type Storage = ReturnType<typeof createStorage>;
