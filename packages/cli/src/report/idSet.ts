/**
 * A compact set of seen event ids, for at-least-once delivery (count each id once).
 *
 * Each id is stored as a 64-bit hash (two 32-bit words) in an open-addressing table of
 * `Uint32Array`s, kept between 25 % and 50 % full: 16–32 bytes per distinct id, so 1,000,000
 * ids take 16–32 MB, against ~60–100 MB for a `Set<string>`. Memory is therefore linear in the
 * number of distinct events (the only part of the report that is; everything else is per user).
 * Two different ids collide with probability ~n²/2⁶⁵ (≈ 3·10⁻⁸ for a million ids); a collision
 * would count one event as a duplicate.
 */
export interface IdSet {
  /** True when `id` was not seen before (and records it). */
  addIfNew(id: string): boolean;
  readonly size: number;
}

export function createIdSet(initialCapacity = 1 << 16): IdSet {
  let capacity = 1;
  while (capacity < initialCapacity) capacity *= 2;
  let table = new Uint32Array(capacity * 2);
  let size = 0;

  function insert(a: number, b: number): boolean {
    const mask = capacity - 1;
    let i = a & mask;
    for (;;) {
      const sa = table[i * 2];
      const sb = table[i * 2 + 1];
      if (sa === 0 && sb === 0) {
        table[i * 2] = a;
        table[i * 2 + 1] = b;
        return true;
      }
      if (sa === a && sb === b) return false;
      i = (i + 1) & mask;
    }
  }

  function grow(): void {
    const old = table;
    capacity *= 2;
    table = new Uint32Array(capacity * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0 || old[i + 1] !== 0) insert(old[i], old[i + 1]);
    }
  }

  return {
    addIfNew(id) {
      let a = 0x811c9dc5;
      let b = 0x9747b28c ^ id.length;
      for (let i = 0; i < id.length; i++) {
        const c = id.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995);
        b ^= b >>> 13;
      }
      a = fmix(a) >>> 0;
      b = fmix(b ^ a) >>> 0;
      if (a === 0 && b === 0) b = 1; // (0, 0) marks an empty slot
      if (!insert(a, b)) return false;
      size++;
      if (size * 2 > capacity) grow();
      return true;
    },
    get size() {
      return size;
    },
  };
}

/** MurmurHash3's 32-bit finaliser: spreads every input bit over the output. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
