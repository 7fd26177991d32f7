import { FORMATS } from './formats';
import { NAMED, type Shape } from './flowShape';
import { DEPTH } from './flowMessages';

/**
 * One problem with a value, in zod's terms (parseFlow words it): a value rule of formats.ts broken
 * (`custom`, the rule's name as `message`), a value of the wrong kind (`invalid_type`, with what
 * was `expected`), or fields a strict object does not know (`unrecognized_keys`).
 */
export interface Issue {
  code: string; path: PropertyKey[]; message: string; input?: unknown; expected?: string; keys?: string[];
  /** with unrecognized_keys: the fields the object has (for "did you mean"; zod does not say) */
  fields?: string[];
}

/**
 * Checks a value against a shape of flowShape.ts. Returns a copy made of the shape's fields only
 * (objects and lists copied, the rules' values as they are) and every issue, in document order:
 * what zod's safeParse of flowSchema() returns, without the schema library. Only a value's own
 * keys count, so what a page added to Object.prototype is neither a field nor an unknown one.
 */
export function checkShape(shape: Shape, value: unknown, issues: Issue[], path: PropertyKey[] = []): unknown {
  const issue = (i: Omit<Issue, 'path' | 'message'> & { message?: string }) => void issues.push({ message: '', path, input: value, ...i });
  // a trigger inside itself, or nested past any use: named, not a stack overflow
  if (path.length > DEPTH) return issue({ code: 'custom', message: 'tooDeep' });
  if (typeof shape === 'string') {
    if (shape in NAMED) return checkShape(NAMED[shape as keyof typeof NAMED], value, issues, path);
    if (!(FORMATS[shape as keyof typeof FORMATS] as (v: unknown) => boolean)(value)) issue({ code: 'custom', message: shape });
    return value;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return issue({ code: 'invalid_type', expected: 'array' });
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(checkShape(shape[0], value[i], issues, [...path, i]));
    if (shape[1] && !value.length) issue({ code: 'custom', message: shape[1] });
    return out;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return issue({ code: 'invalid_type', expected: 'object' });
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const each = (shape as { '*'?: Shape })['*'];
  if (each) {
    for (const key of Object.keys(input)) if (key !== '__proto__') out[key] = checkShape(each, input[key], issues, [...path, key]);
    return out;
  }
  const known = new Set<string>();
  for (const [field, sub] of Object.entries(shape as Record<string, Shape>)) {
    const optional = field[0] === '?';
    const key = optional ? field.slice(1) : field;
    known.add(key);
    const present = Object.hasOwn(input, key);
    const v = present ? input[key] : undefined;
    // an optional field left out, or set to undefined, is not checked (zod's optional)
    const checked = optional && v === undefined ? v : checkShape(sub, v, issues, [...path, key]);
    if (present) out[key] = checked;
  }
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (unknown.length) issue({ code: 'unrecognized_keys', keys: unknown, fields: [...known] });
  return out;
}
