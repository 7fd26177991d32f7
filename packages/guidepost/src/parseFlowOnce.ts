import { parseFlow, type ParseFlowResult } from '@guidepost/core';
import { toJson } from './platform/toJson';

let last: { text: string; flow: string } | undefined;

/**
 * parseFlow, remembered for the last valid flow of this page: starting Guidepost again with the
 * same flow (a single-page app that signs users out and in, a host that re-creates it on a route
 * change) does not validate the same document again. The key is the flow's JSON text, so a flow
 * changed in place is validated afresh; each caller gets its own copy. Selectors are checked by
 * the browser's own parser.
 */
export function parseFlowOnce(raw: unknown, doc: Document): ParseFlowResult {
  let text: string | undefined;
  try {
    text = JSON.stringify(raw);
  } catch {
    // a BigInt or a cycle: parseFlow says what is wrong
  }
  if (text !== undefined && text === last?.text) return { ok: true, flow: JSON.parse(last.flow), errors: [] };
  // the browser's own parser says which selectors it cannot read (they would find nothing)
  const frag = doc.createDocumentFragment();
  const r = parseFlow(raw, {
    selector: (s) => {
      try {
        frag.querySelector(s);
        return null;
      } catch {
        return '';
      }
    },
  });
  if (r.ok && text !== undefined) last = { text, flow: toJson(r.flow) };
  return r;
}
