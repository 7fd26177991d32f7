import type { FORMATS } from './formats';
import type { Trigger } from './types';

/**
 * The flow format, version 1 (spec: flow-format.md): its structure, once. parseFlow checks a
 * document against it with checkShape (a small walker, so the browser bundle carries no schema
 * library), and flowSchema builds the same structure in zod for the published JSON Schema; a
 * property test holds the two to the same verdicts, paths and output. The rules that need the
 * whole document (references, uniqueness, placeholders, links) live in checkFlow.
 *
 * How to read it:
 * - a string names a value rule of formats.ts ("text", "duration"…) or a named shape ("trigger");
 * - an object is a strict object: these fields and no others; "?" before a name makes it optional;
 * - `{ '*': shape }` is a map: any keys, each value of that shape;
 * - `[shape]` is a list; `[shape, name]` a list that must not be empty (name words the error).
 */
const prompt = { title: 'text', '?body': 'text', '?target': 'string' } as const;
const stall = {
  '?after': 'duration', '?retryAfter': 'duration', '?handoffAfter': 'duration',
  '?prompt': prompt, '?owner': 'string', '?nextAction': 'text',
} as const;
const step = {
  id: 'id', '?target': 'string', title: 'text', '?body': 'text', '?placement': 'placement',
  '?complete': 'trigger', '?waitFor': 'duration', '?onMissing': 'onMissing', '?spotlight': 'boolean',
  '?stall': stall, '?owner': 'string', '?nextAction': 'text',
} as const;
const task = {
  id: 'id', title: 'text', '?body': 'text', '?target': 'string', '?complete': 'trigger',
  '?stall': stall, '?owner': 'string', '?nextAction': 'text',
} as const;
const path = {
  '?welcome': { title: 'text', '?body': 'text', cta: 'text' },
  '?tour': { '?skippable': 'boolean', steps: [step, 'steps'] },
  '?quickStart': { title: 'text', tasks: [task, 'tasks'] },
  '?coreTask': 'string',
  activation: 'string',
  '?owner': 'string',
} as const;
const segment = { id: 'id', '?match': { '*': 'scalarOrList' }, provisioning: 'provisioning', path: 'string', '?owner': 'string' } as const;
const exception = { '?owner': 'string', '?nextAction': 'text', '?prompt': prompt } as const;
const labels = {
  '?next': 'text', '?back': 'text', '?skip': 'text', '?done': 'text', '?dismiss': 'text',
  '?retry': 'text', '?help': 'text', '?close': 'text', '?of': 'text', '?completed': 'text', '?helpRequested': 'text',
} as const;

/** The shapes a string can name besides a value rule; a trigger nests triggers in any/all. */
export const NAMED = {
  trigger: {
    '?event': 'string', '?where': { '*': 'scalar' }, '?click': 'string', '?url': 'url', '?element': 'string',
    '?any': ['trigger', 'triggers'], '?all': ['trigger', 'triggers'],
  },
} as const;

export const FLOW_SHAPE = {
  '?$schema': 'string',
  id: 'flowId',
  version: 'int',
  '?locale': 'string',
  '?labels': labels,
  '?defaults': { '?owner': 'string', '?stall': stall, '?waitFor': 'duration', '?onMissing': 'onMissing' },
  segments: [segment, 'segments'],
  paths: { '*': path },
  '?exceptions': { '?permissions': exception, '?invite': exception, '?workspace': exception },
} as const;

export type Rule = keyof typeof FORMATS;
export type Shape = Rule | keyof typeof NAMED | { readonly '*': Shape } | readonly [Shape, string?] | { readonly [field: string]: Shape };

// ---- the TypeScript type of what a shape accepts (the Flow type is inferred from FLOW_SHAPE) ----
type Guarded = { [K in Rule]: (typeof FORMATS)[K] extends (v: unknown) => v is infer T ? T : never };
type Flat<T> = { [K in keyof T]: T[K] } & {};
type Fields<S> = Flat<
  { -readonly [K in keyof S as K extends `?${string}` ? never : K]: Infer<S[K]> } &
  { -readonly [K in keyof S as K extends `?${infer N}` ? N : never]?: Infer<S[K]> | undefined }
>;
export type Infer<S> = S extends 'trigger' ? Trigger
  : S extends Rule ? Guarded[S]
  : S extends readonly [infer E, ...unknown[]] ? Array<Infer<E>>
  : S extends { readonly '*': infer V } ? Record<string, Infer<V>>
  : Fields<S>;
