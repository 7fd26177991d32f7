/**
 * JSON.stringify as if the page had not patched `toJSON` onto Array.prototype or Object.prototype
 * (Prototype.js 1.6 makes every array serialise itself to a string, which would store the trail
 * and post `{ "events": "[…]" }` as strings). The replacer sees each value before its toJSON ran
 * (`this[key]`) and keeps arrays and plain objects as they are (a Date still becomes its ISO
 * string); only on such pages, as it is slower.
 */
export function toJson(value: unknown): string {
  if (!('toJSON' in Array.prototype)) return JSON.stringify(value);
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return Array.isArray(raw) || (raw && Object.getPrototypeOf(raw) === Object.prototype) ? raw : v;
  });
}
