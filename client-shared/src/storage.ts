// A key-value store with the shape of localStorage, that never throws (storage may be disabled,
// full or blocked in a third-party context) and falls back to memory.

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

/** Wraps a browser Storage; each operation that fails is served by memory instead. */
export function safeStore(open: () => Storage): KeyValueStore {
  const fallback = memoryStore();
  let storage: Storage | null;
  try {
    storage = open();
  } catch {
    storage = null;
  }
  return {
    getItem(key) {
      try {
        return storage?.getItem(key) ?? fallback.getItem(key);
      } catch {
        return fallback.getItem(key);
      }
    },
    setItem(key, value) {
      try {
        if (storage) {
          storage.setItem(key, value);
          return;
        }
      } catch {
        // Quota or privacy mode: keep it for this page at least.
      }
      fallback.setItem(key, value);
    },
    removeItem(key) {
      fallback.removeItem(key);
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing more to do.
      }
    },
  };
}

export function readJson(store: KeyValueStore, key: string): unknown {
  const raw = store.getItem(key);
  if (raw === null) {
    return null;
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}
