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
 * The storage in use. When it throws (private mode, quota full, a broken adapter) it falls back to
 * memory for the rest of the page's life, and reports it once: guidance goes on, nothing is lost
 * for this page view.
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
      try {
        return (await adapter.load(key)) ?? null;
      } catch (e) {
        fallback(e, key);
        return null;
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
