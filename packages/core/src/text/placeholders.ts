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
  return bad;
}

function lookup(name: string, ctx: PlaceholderContext): unknown {
  const [scope, key] = name.split('.') as [string, string];
  if (scope === 'traits') return ctx.user.traits?.[key];
  const obj = (scope === 'user' ? ctx.user : ctx.account) as Record<string, unknown> | undefined;
  if (!obj) return undefined;
  return key in obj && typeof obj[key] !== 'object' ? obj[key] : (obj.traits as Record<string, unknown> | undefined)?.[key];
}

/** Fills placeholders as plain text; a missing value renders as an empty string. */
export function fillPlaceholders(text: string, ctx: PlaceholderContext): string {
  if (!text.includes('{{')) return text; // the common case, without the regex
  return text.replace(PLACEHOLDER_RE, (_, name: string) => {
    if (!VALID.test(name)) return '';
    const v = lookup(name, ctx);
    return v === undefined || v === null ? '' : String(v);
  });
}
