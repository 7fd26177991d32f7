/**
 * Runs fn while the enumerable properties a page added to Object.prototype are non-enumerable,
 * then puts them back as they were. zod walks schemas and inputs with for…in, so an old
 * library's `Object.prototype.extend = function…` would otherwise break building the flow schema
 * and read as an unknown field of every object. Synchronous: no host code runs in between.
 */
export function withPlainObjects<T>(fn: () => T): T {
  const proto = Object.prototype;
  const added = Object.keys(proto).map((k) => [k, Object.getOwnPropertyDescriptor(proto, k)!] as const);
  for (const [k, d] of added) Reflect.defineProperty(proto, k, { ...d, enumerable: false });
  try {
    return fn();
  } finally {
    for (const [k, d] of added) Reflect.defineProperty(proto, k, d);
  }
}
