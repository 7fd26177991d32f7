import { readFileSync } from 'node:fs';
import { parseFlow } from '@guidepost/core';
import type { Flow, FlowError } from '@guidepost/core';
import { findJsonSyntaxError } from './jsonSyntaxError';
import { selectorProblem } from '../lint/checkSelector';

/** An error of `validate`: core's { path, message }, plus line and column for JSON syntax. */
export interface ValidationError extends FlowError {
  line?: number;
  column?: number;
}

export type ReadFlowResult = { ok: true; flow: Flow; errors: [] } | { ok: false; flow?: undefined; errors: ValidationError[] };

/** Parses and validates a flow's text: JSON syntax (with line:column), then core's parseFlow (selectors included). */
export function checkFlowText(text: string): ReadFlowResult {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const at = findJsonSyntaxError(text);
    const reason = at?.reason ?? (e as Error).message;
    return { ok: false, errors: [{ path: 'flow', message: `the flow is not valid JSON (${reason})`, ...(at && { line: at.line, column: at.column }) }] };
  }
  const r = parseFlow(json, { selector: selectorProblem });
  return r.ok ? { ok: true, flow: r.flow, errors: [] } : { ok: false, errors: r.errors };
}

/** Reads a flow file; a file that cannot be read is one error at path "flow". */
export function readFlowFile(file: string): ReadFlowResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    return { ok: false, errors: [{ path: 'flow', message: `cannot read '${file}': ${why}` }] };
  }
  return checkFlowText(text);
}
