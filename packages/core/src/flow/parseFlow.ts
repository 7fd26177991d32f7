import { checkShape, type Issue } from './checkShape';
import { FLOW_SHAPE } from './flowShape';
import { checkFlow, type SelectorCheck } from './checkFlow';
import * as msg from './flowMessages';
import type { FlowError } from './flowMessages';
import type { Flow } from './types';

export interface ParseFlowOptions {
  /** checks every selector of the flow (steps' and prompts' targets, click and element triggers) */
  selector?: SelectorCheck;
}

export type ParseFlowResult = { ok: true; flow: Flow; errors: FlowError[] } | { ok: false; flow?: undefined; errors: FlowError[] };

/** "flow.paths.self-serve.tour.steps[0].title" */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${String(k)}`), 'flow');
}

/** checkShape's issues (the three it makes: see Issue) as errors. */
function toError(i: Issue): FlowError[] {
  if (i.code === 'unrecognized_keys') return i.keys!.map((k) => ({ path: formatPath([...i.path, k]), message: msg.unknownField(k, i.fields!) }));
  return [{ path: formatPath(i.path), message: message(i) }];
}

/** A custom issue (a rule of formats.ts broken, named by i.message) or an invalid_type one (with what was expected). */
function message(i: Issue): string {
  const rule = i.code === 'custom' ? i.message : undefined;
  // a missing field (one with a list of allowed values names them too)
  if (i.input === undefined) return msg.missing(String(i.path.at(-1)), rule ?? i.expected!);
  return rule ? msg.format(rule, i.input) : msg.type(i.expected!, i.input);
}

/**
 * Validates a flow document: structure first (flowShape.ts), then the whole-document rules.
 * Never throws; every error names its JSON path, what is wrong, and how to fix it.
 */
export function parseFlow(input: unknown, options: ParseFlowOptions = {}): ParseFlowResult {
  try {
    return parse(input, options);
  } catch (e) {
    return invalid([{ path: 'flow', message: msg.unreadable(e instanceof Error ? e.message : String(e)) }]);
  }
}

const invalid = (errors: FlowError[]): ParseFlowResult => ({ ok: false, errors });

function parse(input: unknown, options: ParseFlowOptions): ParseFlowResult {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return invalid([{ path: 'flow', message: msg.notObject }]);
  const issues: Issue[] = [];
  const flow = checkShape(FLOW_SHAPE, input, issues) as Flow;
  // a misspelt field first: the required one it was meant to be is missing because of it
  if (issues.length) return invalid(issues.filter((i) => i.keys).concat(issues.filter((i) => !i.keys)).flatMap(toError));
  const errors = checkFlow(flow, options.selector);
  return errors.length ? invalid(errors) : { ok: true, flow, errors };
}
