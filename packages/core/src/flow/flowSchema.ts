import * as z from 'zod/mini';
import { DURATION_RE } from '../text/parseDuration';

/**
 * The flow format, version 1 (spec: flow-format.md). Structure and types only; the rules that
 * need the whole document (references, uniqueness, placeholders, links) live in checkFlow.
 * Every object is strict: an unknown field is an error, so typos cannot pass silently.
 * Custom error strings here are keys that flowMessages turns into words.
 */
function build() {
  const o = z.optional;
  const str = z.string;
  // one instance each, shared wherever the type recurs (schemas are immutable; building fewer is faster)
  const string = str();
  const text = z.union([string, z.record(string, string)], 'text');
  const duration = o(str().check(z.regex(DURATION_RE, 'duration')));
  const id = str().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'id'));
  const scalar = z.union([string, z.number(), z.boolean()], 'scalar');
  const optText = o(text);
  const optString = o(string);
  let list: z.ZodMiniType | undefined;

  const trigger: z.ZodMiniType = z.strictObject({
    event: optString,
    where: o(z.record(string, scalar)),
    click: optString,
    url: optString,
    element: optString,
    get any() { return (list ??= o(z.array(trigger))); },
    get all() { return (list ??= o(z.array(trigger))); },
  });
  const prompt = z.strictObject({ title: text, body: optText, target: optString });
  const stall = z.strictObject({
    after: duration, retryAfter: duration, handoffAfter: duration,
    prompt: o(prompt), owner: optString, nextAction: optText,
  });
  const placement = z.enum(['auto', 'top', 'top-start', 'top-end', 'right', 'right-start', 'right-end',
    'bottom', 'bottom-start', 'bottom-end', 'left', 'left-start', 'left-end']);
  const onMissing = z.enum(['skip', 'center']);
  const step = z.strictObject({
    id: id, target: optString, title: text, body: optText, placement: o(placement),
    complete: o(trigger), waitFor: duration, onMissing: o(onMissing), spotlight: o(z.boolean()),
    stall: o(stall), owner: optString, nextAction: optText,
  });
  const task = z.strictObject({
    id: id, title: text, body: optText, target: optString, complete: o(trigger),
    stall: o(stall), owner: optString, nextAction: optText,
  });
  const path = z.strictObject({
    welcome: o(z.strictObject({ title: text, body: optText, cta: text })),
    tour: o(z.strictObject({ skippable: o(z.boolean()), steps: z.array(step) })),
    quickStart: o(z.strictObject({ title: text, tasks: z.array(task) })),
    coreTask: optString,
    activation: string,
    owner: optString,
  });
  const segment = z.strictObject({
    id: id,
    match: o(z.record(string, z.union([scalar, z.array(scalar)], 'match'))),
    provisioning: z.enum(['self-service', 'admin', 'jit']),
    path: string,
    owner: optString,
  });
  const exception = z.strictObject({ owner: optString, nextAction: optText, prompt: o(prompt) });
  const labels = z.strictObject({
    next: optText, back: optText, skip: optText, done: optText, dismiss: optText,
    retry: optText, help: optText, close: optText, of: optText,
  });
  return z.strictObject({
    $schema: optString,
    id: string.check(z.regex(/^[a-z0-9-]+$/, 'flowId')),
    version: z.int(),
    locale: optString,
    labels: o(labels),
    defaults: o(z.strictObject({ owner: optString, stall: o(stall), waitFor: duration, onMissing: o(onMissing) })),
    segments: z.array(segment).check(z.minLength(1, 'segments')),
    paths: z.record(string, path),
    exceptions: o(z.strictObject({ permissions: o(exception), invite: o(exception), workspace: o(exception) })),
  });
}

export type FlowSchema = ReturnType<typeof build>;
let schema: FlowSchema | undefined;

/** The flow schema, built on first use (zod is put in jitless mode first: strict CSP pages). */
export function flowSchema(): FlowSchema {
  if (!schema) {
    z.config({ jitless: true });
    schema = build();
  }
  return schema;
}
