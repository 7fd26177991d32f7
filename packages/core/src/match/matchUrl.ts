export interface UrlLocation { pathname: string; search?: string; hash?: string }

function toRegExp(pattern: string): RegExp {
  const src = pattern.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*\*|\*/g, (s) => (s === '**' ? '.*' : '[^/]*'));
  return new RegExp(`^${src}$`);
}

/**
 * URL globs: "/…" matches the pathname, "#…" the hash. `*` stays within one segment, `**` crosses
 * segments. The query is ignored unless the pattern holds "?", then matched literally after the path.
 */
export function matchUrl(pattern: string, loc: UrlLocation): boolean {
  if (pattern.startsWith('#')) return toRegExp(pattern).test(loc.hash || '');
  const q = pattern.indexOf('?');
  if (q < 0) return toRegExp(pattern).test(loc.pathname);
  return toRegExp(pattern.slice(0, q)).test(loc.pathname) && (loc.search || '') === pattern.slice(q);
}
