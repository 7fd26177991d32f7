import { fillPlaceholders, type PlaceholderContext } from './placeholders';

/** A text is a string or a locale map { "en": "…", "de": "…" }. */
export type Text = string | Record<string, string>;

/** Picks the locale's string (then the flow's default locale, then the first one). */
export function pickLocale(text: Text | undefined, locale: string | undefined, fallback: string | undefined): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  const base = locale?.split('-')[0];
  return text[locale ?? ''] ?? text[base ?? ''] ?? text[fallback ?? ''] ?? Object.values(text)[0] ?? '';
}

/** The plain text a user sees: locale picked, placeholders filled. */
export function resolveText(text: Text | undefined, ctx: PlaceholderContext, locale?: string, fallback?: string): string {
  return fillPlaceholders(pickLocale(text, locale, fallback), ctx);
}
