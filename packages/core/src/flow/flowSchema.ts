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
  const text = () => z.union([str(), z.record(str(), str())], 'text');
  const duration = () => str().check(z.regex(DURATION_RE, 'duration'));
  const id = () => str().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'id'));
  const scalar = () => z.union([str(), z.number(), z.boolean()], 'scalar');

  const trigger: z.ZodMiniType = z.strictObject({
    event: o(str()),
    where: o(z.record(str(), scalar())),
    click: o(str()),
    url: o(str()),
    element: o(str()),
    get any() { return o(z.array(trigger)); },
    get all() { return o(z.array(trigger)); },
  });
  const prompt = z.strictObject({ title: text(), body: o(text()), target: o(str()) });
  const stall = z.strictObject({
    after: o(duration()), retryAfter: o(duration()), handoffAfter: o(duration()),
    prompt: o(prompt), owner: o(str()), nextAction: o(text()),
  });
  const placement = z.enum(['auto', 'top', 'top-start', 'top-end', 'right', 'right-start', 'right-end',
    'bottom', 'bottom-start', 'bottom-end', 'left', 'left-start', 'left-end']);
  const onMissing = z.enum(['skip', 'center']);
  const step = z.strictObject({
    id: id(), target: o(str()), title: text(), body: o(text()), placement: o(placement),
    complete: o(trigger), waitFor: o(duration()), onMissing: o(onMissing), spotlight: o(z.boolean()),
    stall: o(stall), owner: o(str()), nextAction: o(text()),
  });
  const task = z.strictObject({
    id: id(), title: text(), body: o(text()), target: o(str()), complete: o(trigger),
    stall: o(stall), owner: o(str()), nextAction: o(text()),
  });
  const path = z.strictObject({
    welcome: o(z.strictObject({ title: text(), body: o(text()), cta: text() })),
    tour: o(z.strictObject({ skippable: o(z.boolean()), steps: z.array(step) })),
    quickStart: o(z.strictObject({ title: text(), tasks: z.array(task) })),
    coreTask: o(str()),
    activation: str(),
    owner: o(str()),
  });
  const segment = z.strictObject({
    id: id(),
    match: o(z.record(str(), z.union([scalar(), z.array(scalar())], 'match'))),
    provisioning: z.enum(['self-service', 'admin', 'jit']),
    path: str(),
    owner: o(str()),
  });
  const exception = z.strictObject({ owner: o(str()), nextAction: o(text()), prompt: o(prompt) });
  const labels = z.strictObject({
    next: o(text()), back: o(text()), skip: o(text()), done: o(text()), dismiss: o(text()),
    retry: o(text()), help: o(text()), close: o(text()), of: o(text()),
  });
  return z.strictObject({
    $schema: o(str()),
    id: str().check(z.regex(/^[a-z0-9-]+$/, 'flowId')),
    version: z.int(),
    locale: o(str()),
    labels: o(labels),
    defaults: o(z.strictObject({ owner: o(str()), stall: o(stall), waitFor: o(duration()), onMissing: o(onMissing) })),
    segments: z.array(segment).check(z.minLength(1, 'segments')),
    paths: z.record(str(), path),
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
