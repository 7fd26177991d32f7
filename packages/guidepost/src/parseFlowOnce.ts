import { parseFlow, type ParseFlowResult } from '@guidepost/core';
import { toJson } from './platform/toJson';

let last: { text: string; flow: string } | undefined;

/**
 * parseFlow, remembered for the last valid flow of this page: starting Guidepost again with the
 * same flow (a single-page app that signs users out and in, a host that re-creates it on a route
 * change) does not validate the same document again. The key is the flow's JSON text, so a flow
 * changed in place is validated afresh; each caller gets its own copy.
 */
export function parseFlowOnce(raw: unknown): ParseFlowResult {
  let text: string | undefined;
  try {
    text = JSON.stringify(raw);
  } catch {
    // a BigInt or a cycle: parseFlow says what is wrong
  }
  if (text !== undefined && text === last?.text) return { ok: true, flow: JSON.parse(last.flow), errors: [] };
  const r = parseFlow(raw);
  if (r.ok && text !== undefined) last = { text, flow: toJson(r.flow) };
  return r;
}
