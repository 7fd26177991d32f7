// What the URL standard percent-encodes in location.pathname, .search and .hash (for http(s)):
// such a character never appears literally there, so a pattern holding it can never match.
const PATH_ENCODED = /[\u0000-\u0020"#<>?`{}\u007f-\uffff]/;
const QUERY_ENCODED = /[\u0000-\u0020"#<>'\u007f-\uffff]/;
const HASH_ENCODED = /[\u0000-\u0020"<>`\u007f-\uffff]/;

const shown = (c: string) => (c === ' ' ? 'a space' : /[\u0000-\u001f\u007f-\u009f]/.test(c) ? 'a control character' : `'${c}'`);

/**
 * Why a `url` trigger pattern (core's matchUrl) can never match a real location, or null when it
 * can. Only certain cases: characters the browser always percent-encodes, "." and ".." segments
 * (resolved away), a backslash (turned into "/"), an empty "?" or "#" (location gives ""), and
 * a "#" after a path (the hash is not part of location.pathname).
 */
export function urlNeverMatches(pattern: string): string | null {
  if (pattern.startsWith('#')) {
    if (pattern === '#') return 'location.hash is "" when the fragment is empty, never "#"; use "#/" or a longer hash';
    const bad = HASH_ENCODED.exec(pattern.slice(1));
    return bad ? `location.hash percent-encodes ${shown(bad[0])}, so it never appears literally` : null;
  }
  const q = pattern.indexOf('?');
  const path = q < 0 ? pattern : pattern.slice(0, q);
  if (path.includes('#')) return 'a pattern that starts with "/" matches location.pathname, which never holds "#"; match the hash with its own "#…" pattern';
  const badPath = PATH_ENCODED.exec(path);
  if (badPath) return `location.pathname percent-encodes ${shown(badPath[0])}, so it never appears literally`;
  if (path.includes('\\')) return 'the browser turns "\\" into "/" in location.pathname; write "/"';
  if (path.split('/').some((seg) => seg === '.' || seg === '..')) return 'location.pathname never holds "." or ".." segments (the browser resolves them)';
  if (q < 0) return null;
  const query = pattern.slice(q);
  if (query === '?') return 'location.search is "" when the query is empty, never "?"; drop the "?"';
  const badQuery = QUERY_ENCODED.exec(query.slice(1));
  return badQuery ? `location.search percent-encodes ${shown(badQuery[0])}, so it never appears literally` : null;
}
