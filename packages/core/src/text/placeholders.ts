/** Placeholders: {{user.X}}, {{account.X}}, {{traits.X}} — nothing else. Filled as plain text. */
export const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VALID = /^(user|account|traits)\.[A-Za-z0-9_-]+$/;

export interface PlaceholderContext {
  user: { id: string; role?: string; name?: string; traits?: Record<string, unknown> };
  account?: { id: string; name?: string; traits?: Record<string, unknown> };
}

/** The placeholders in a text that are not allowed (for validation). */
export function invalidPlaceholders(text: string): string[] {
  const bad: string[] = [];
  if (!text.includes('{{')) return bad; // the common case, without the regex
  for (const m of text.matchAll(PLACEHOLDER_RE)) if (!VALID.test(m[1])) bad.push(m[0]);
  // one never closed ("Welcome, {{user.name") would show as it is
  const open = text.replace(PLACEHOLDER_RE, '').match(/\{\{[^{}]*/);
  if (open) bad.push(open[0]);
  // three braces (a template language's unescaped output) would show the outer pair around the value
  const triple = text.match(/\{\{\{[^{}]*\}*/);
  if (triple) bad.push(triple[0]);
  return bad;
}

type Bag = Record<string, unknown> | undefined;
/** own properties only: {{user.constructor}} is not Object's constructor */
const own = (o: Bag, key: string) => (o && Object.hasOwn(o, key) ? o[key] : undefined);

/** user.X and account.X are the field X, else trait X; traits.X is the user's trait X */
function lookup(name: string, ctx: PlaceholderContext): unknown {
  const [scope, key] = name.split('.') as [string, string];
  const obj: Bag = scope === 'traits' ? ctx.user.traits : scope === 'user' ? ctx.user : ctx.account;
  const v = own(obj, key);
  return scope === 'traits' || (v !== undefined && typeof v !== 'object') ? v : own(obj?.traits as Bag, key);
}

/** Fills placeholders as plain text; a missing value renders as an empty string. */
export function fillPlaceholders(text: string, ctx: PlaceholderContext): string {
  if (!text.includes('{{')) return text; // the common case, without the regex
  return text.replace(PLACEHOLDER_RE, (_, name: string) => {
    if (!VALID.test(name)) return '';
    const v = lookup(name, ctx);
    // a value that is not text (an object, a function) renders as missing, not as its source
    return v === undefined || v === null || typeof v === 'object' || typeof v === 'function' ? '' : String(v);
  });
}
