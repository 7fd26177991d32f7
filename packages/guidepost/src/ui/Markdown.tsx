import { isSafeUrl, parseMarkdown, type MarkdownNode } from '@guidepost/core';
import { LET_TAB } from './letTab';

type Fill = (s: string) => string;

function node(n: MarkdownNode, fill: Fill) {
  if (typeof n === 'string') return fill(n);
  if ('b' in n) return <strong>{n.b.map((c) => node(c, fill))}</strong>;
  const href = fill(n.href);
  if (!isSafeUrl(href)) return fill(n.a);
  // another site opens in a new tab, a page of the app in this one (progress is kept either way)
  return /^https?:/i.test(href) ? <a {...LET_TAB} href={href} target="_blank" rel="noopener noreferrer">{fill(n.a)}</a> : <a {...LET_TAB} href={href}>{fill(n.a)}</a>;
}

/**
 * A body text: the safe markdown subset of the flow's own text rendered as elements; placeholders
 * are filled afterwards, as plain text, so a user's data can never become markup or a link. Its id
 * is the one the dialog around it is described by.
 */
export function Markdown({ text, fill }: { text: string; fill: Fill }) {
  return text ? <p id="gp-d">{parseMarkdown(text).map((n) => node(n, fill))}</p> : null;
}
