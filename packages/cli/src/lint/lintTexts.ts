import type { Flow, Text } from '@guidepost/core';
import { allTexts } from './walkFlow';
import type { Report } from './types';

const PLACEHOLDER = /\{\{\s*(user|account|traits)\.([A-Za-z0-9_-]+)\s*\}\}/g;
/** Fields the SDK API defines on user and account (sdk-api.md); anything else is a trait. */
const KNOWN = { user: ['id', 'name', 'role'], account: ['id', 'name'] };

const strings = (t: Text): string[] => (typeof t === 'string' ? [t] : Object.values(t));

/**
 * Placeholders whose value nothing in the flow vouches for. The host sends traits, so the flow
 * alone cannot prove one missing: these are hints, not warnings. A trait some segment matches on
 * is vouched for (the flow expects the host to send it); so are the API's own fields.
 */
export function lintPlaceholders(flow: Flow, report: Report): void {
  const matchKeys = new Set(flow.segments.flatMap((s) => Object.keys(s.match ?? {})));
  for (const { text, at } of allTexts(flow)) {
    const seen = new Set<string>();
    for (const s of strings(text)) {
      for (const [whole, scope, key] of s.matchAll(PLACEHOLDER)) {
        if (seen.has(whole)) continue;
        seen.add(whole);
        if (scope !== 'traits' && KNOWN[scope as 'user' | 'account'].includes(key)) continue;
        const trait = scope === 'account' ? `account.${key}` : key;
        if (matchKeys.has(trait)) continue;
        const where = scope === 'account' ? `account.traits.${key}` : `user.traits.${key}`;
        report(at, 'placeholder-source', `${whole}: no segment matches on '${trait}', so nothing in this flow says the app sends ${where}; when it is missing the text shows an empty string there`, 'hint');
      }
    }
  }
}

/** Locale maps that lack a locale other texts of the flow (or the flow's default locale) have. */
export function lintLocales(flow: Flow, report: Report): void {
  const texts = allTexts(flow).filter((t): t is { text: Record<string, string>; at: string } => typeof t.text === 'object');
  if (!texts.length) return;
  const all = new Set(texts.flatMap((t) => Object.keys(t.text)));
  if (flow.locale) all.add(flow.locale);
  for (const { text, at } of texts) {
    const missing = [...all].filter((l) => !(l in text) && !(l.split('-')[0] in text)).sort();
    if (!missing.length) continue;
    const list = missing.map((l) => `"${l}"`).join(', ');
    report(at, 'locale-missing', `has no ${list} text, while other texts in this flow do${flow.locale && missing.includes(flow.locale) ? ` (and "${flow.locale}" is the flow's locale)` : ''}; users with ${missing.length === 1 ? 'that locale' : 'those locales'} see another language here. Add ${list}`);
  }
}

/**
 * Texts that show nothing: a blank heading or button, and a dialog, region or button without a
 * name for screen readers. A body may be empty (it is optional); a locale map is reported at the
 * locale that is blank.
 */
export function lintEmptyTexts(flow: Flow, report: Report): void {
  for (const { text, at } of allTexts(flow)) {
    if (at.endsWith('.body')) continue;
    const blank = typeof text === 'string' ? (text.trim() ? [] : [at]) : Object.entries(text).filter(([, s]) => !s.trim()).map(([l]) => `${at}.${l}`);
    for (const where of blank) report(where, 'empty-text', 'is empty: users see a blank there, and the dialog, region or button it names has no name a screen reader can announce; write the text');
  }
}
