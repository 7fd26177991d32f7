import * as z from 'zod/mini';
import { FORMATS, type Format } from './formats';

type ValueFormat = Exclude<Format, 'nonEmpty'>;

/**
 * The flow format, version 1 (spec: flow-format.md). Structure and types only; the rules that
 * need the whole document (references, uniqueness, placeholders, links) live in checkFlow.
 * Every object is strict: an unknown field is an error, so typos cannot pass silently.
 * Value rules (text, durations, ids…) are predicates from formats.ts; an error names the rule,
 * and flowMessages turns it into words.
 */
function build() {
  const o = z.optional;
  type Guarded<K extends ValueFormat> = (typeof FORMATS)[K] extends (v: unknown) => v is infer T ? T : never;
  const format = <K extends ValueFormat>(k: K) => z.custom<Guarded<K>>(FORMATS[k], k);
  /** a map of string keys to values of one schema */
  const map = <T extends z.ZodMiniType>(value: T) => z.catchall(z.object({}), value);
  const nonEmpty = (what: string) => z.refine<unknown[]>(FORMATS.nonEmpty, what);
  // one instance each, shared wherever the type recurs (schemas are immutable; building fewer is faster)
  const string = format('string');
  const text = format('text');
  const duration = o(format('duration'));
  const id = format('id');
  const optText = o(text);
  const optString = o(string);
  let list: z.ZodMiniType | undefined;

  const trigger: z.ZodMiniType = z.strictObject({
    event: optString,
    where: o(map(format('scalar'))),
    click: optString,
    url: o(format('url')),
    element: optString,
    get any() { return (list ??= o(z.array(trigger).check(nonEmpty('triggers')))); },
    get all() { return (list ??= o(z.array(trigger).check(nonEmpty('triggers')))); },
  });
  const prompt = z.strictObject({ title: text, body: optText, target: optString });
  const stall = z.strictObject({
    after: duration, retryAfter: duration, handoffAfter: duration,
    prompt: o(prompt), owner: optString, nextAction: optText,
  });
  const onMissing = o(format('onMissing'));
  const optBoolean = o(format('boolean'));
  const step = z.strictObject({
    id: id, target: optString, title: text, body: optText, placement: o(format('placement')),
    complete: o(trigger), waitFor: duration, onMissing, spotlight: optBoolean,
    stall: o(stall), owner: optString, nextAction: optText,
  });
  const task = z.strictObject({
    id: id, title: text, body: optText, target: optString, complete: o(trigger),
    stall: o(stall), owner: optString, nextAction: optText,
  });
  const path = z.strictObject({
    welcome: o(z.strictObject({ title: text, body: optText, cta: text })),
    tour: o(z.strictObject({ skippable: optBoolean, steps: z.array(step) })),
    quickStart: o(z.strictObject({ title: text, tasks: z.array(task) })),
    coreTask: optString,
    activation: string,
    owner: optString,
  });
  const segment = z.strictObject({
    id: id,
    match: o(map(format('scalarOrList'))),
    provisioning: format('provisioning'),
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
    id: format('flowId'),
    version: format('int'),
    locale: optString,
    labels: o(labels),
    defaults: o(z.strictObject({ owner: optString, stall: o(stall), waitFor: duration, onMissing })),
    segments: z.array(segment).check(nonEmpty('segments')),
    paths: map(path),
    exceptions: o(z.strictObject({ permissions: o(exception), invite: o(exception), workspace: o(exception) })),
  });
}

export type FlowSchema = ReturnType<typeof build>;
let schema: FlowSchema | undefined;

/**
 * The flow schema, built on first use. zod's schemas decide at construction whether they may
 * compile a parser with `new Function`, and the probe alone is a violation report on a strict-CSP
 * page, so ours are built in jitless mode. The mode is zod's global config, which an app's own zod
 * shares (npm users bundle one zod): it is set only while ours are built, then put back as it was.
 */
export function flowSchema(): FlowSchema {
  if (!schema) {
    const config = z.config();
    const was = config.jitless;
    config.jitless = true;
    try {
      schema = build();
    } finally {
      config.jitless = was;
    }
  }
  return schema;
}
