/**
 * The safe subset allowed in bodies: **bold** and [label](url), with http(s) or relative URLs only.
 * Parsed into a tree of plain strings — never into HTML.
 */
export type MarkdownNode = string | { b: MarkdownNode[] } | { a: string; href: string };

const TOKEN = /\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Is this URL allowed in a link: http(s), or relative (no scheme at all)? */
export function isSafeUrl(url: string): boolean {
  const u = url.trim();
  if (/^https?:\/\//i.test(u)) return true;
  // relative: no scheme ("javascript:", "data:" …) and not protocol-relative
  return !/^[a-z][a-z0-9+.-]*:/i.test(u) && !u.startsWith('//') && !/[\u0000-\u001f\\]/.test(u);
}

export function parseMarkdown(text: string): MarkdownNode[] {
  const out: MarkdownNode[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push({ b: parseMarkdown(m[1]) });
    else if (isSafeUrl(m[3])) out.push({ a: m[2], href: m[3].trim() });
    else out.push(m[2]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Links in a text, bold ones included (for validation). */
export function markdownLinks(text: string): string[] {
  if (!text.includes('](')) return []; // the common case, without the regex
  return [...text.matchAll(TOKEN)].flatMap((m) => (m[1] !== undefined ? markdownLinks(m[1]) : [m[3]]));
}
