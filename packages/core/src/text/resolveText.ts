import { fillPlaceholders, type PlaceholderContext } from './placeholders';

/** A text is a string or a locale map { "en": "…", "de": "…" }. */
export type Text = string | Record<string, string>;

/**
 * Picks the string for a locale: its own tag, else its language ("de" for "de-AT"), else another
 * region of that language ("pt-BR" for "pt-PT"), then the same for the flow's default locale, then
 * the first. Tags compare case-insensitively, as BCP 47 says ("DE", "pt-br").
 */
export function pickLocale(text: Text | undefined, locale: string | undefined, fallback: string | undefined): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const keys = Object.keys(text);
  const lower = keys.map((k) => k.toLowerCase());
  const lang = (tag: string) => tag.split('-')[0];
  const find = (tag?: string) => {
    const t = tag?.toLowerCase() ?? '';
    const i = [lower.indexOf(t), lower.indexOf(lang(t)), lower.findIndex((k) => lang(k) === lang(t))].find((n) => n >= 0);
    return t && i !== undefined ? keys[i] : undefined;
  };
  const key = find(locale) ?? find(fallback) ?? keys[0];
  return key === undefined ? '' : text[key];
}

/** The plain text a user sees: locale picked, placeholders filled. */
export function resolveText(text: Text | undefined, ctx: PlaceholderContext, locale?: string, fallback?: string): string {
  return fillPlaceholders(pickLocale(text, locale, fallback), ctx);
}
