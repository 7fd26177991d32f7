import { didYouMean } from './didYouMean';
import { ENUMS } from './formats';

/**
 * Every validation message's wording lives here: what is wrong, and how to fix it. Callers import
 * the module as `msg` (import * as msg), so each message is a plain export the bundler can rename.
 */
export interface FlowError {
  /** JSON path of the problem, e.g. "flow.paths.self-serve.activation" */
  path: string;
  /** what is wrong and how to fix it */
  message: string;
}

const suggest = (word: string, candidates: Iterable<string>) => {
  const s = didYouMean(word, candidates);
  return s ? `; did you mean '${s}'?` : '';
};

function show(v: unknown): string {
  if (typeof v === 'string') return `"${v}"`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return typeof v === 'bigint' ? `${v}n` : 'a value that cannot be written as JSON';
  }
}

/** What a value must be, by zod type or formats.ts rule, when it is of the wrong type. */
const EXPECTED: Record<string, string> = {
  text: 'text: a string or a locale map like { "en": "…" }',
  int: 'a whole number',
  object: 'an object',
  array: 'a list',
  scalar: 'a string, number or boolean',
  scalarOrList: 'a string, number or boolean, or a list of at least one of them',
  string: 'a string',
};

/** What is wrong with a value that breaks a formats.ts rule, by rule (or list) name. */
const FORMAT: Record<string, string> = {
  duration: 'is not a duration; write a number and a unit, like "500ms", "90s", "2m" or "72h"',
  id: 'is not a valid id; use letters, digits, "-", "_" or "."',
  flowId: 'is not a valid flow id; use lowercase letters, digits and "-", like "acme-reports"',
  url: 'must start with "/" (a path) or "#" (a hash route)',
};
/** The values a rule with a fixed list allows, by rule name. */
const ONE_OF: Record<string, readonly string[]> = ENUMS;
/** how deep a flow's objects and lists may nest (checkShape) */
export const DEPTH = 100;
const EMPTY: Record<string, string> = {
  tooDeep: `is nested too deeply (over ${DEPTH} levels)`,
  segments: 'needs at least one segment: add a default segment (one without "match") last',
  triggers: 'needs at least one trigger in the list',
  steps: 'needs at least one step: add one, or remove "tour"',
  tasks: 'needs at least one task: add the one "activation" names',
};

/** a required field left out: add it (what it holds: the values its rule allows, or its kind) */
export const missing = (field: string, rule: string) =>
  `is required${field === 'activation' ? ': name the Quick Start task that proves value for this role'
    : `; add "${field}"${ONE_OF[rule] ? `, one of ${ONE_OF[rule].map(show).join(', ')}` : EXPECTED[rule] ? `: ${EXPECTED[rule]}` : ''}`}`;
export const type = (expected: string, input: unknown) => `expected ${EXPECTED[expected] ?? `a ${expected}`}, got ${show(input)}`;
/** a field its object does not have; `fields` are the ones it has, for a suggestion */
export const unknownField = (key: string, fields: string[]) => `unknown field '${key}'${suggest(key, fields)} (remove it or fix the spelling)`;
/** a formats.ts rule broken, named by the schema */
export const format = (rule: string, input: unknown): string =>
  EMPTY[rule] ?? (FORMAT[rule] ? `${show(input)} ${FORMAT[rule]}` : ONE_OF[rule] ? oneOf(input, ONE_OF[rule]) : type(rule, input));
export const oneOf = (input: unknown, values: readonly unknown[]) => `${show(input)} is not allowed; use one of ${values.map(show).join(', ')}`;
export const noDefault = 'no default segment; add a last segment without "match" so every user gets a path';
export const defaultNotLast = 'a segment without "match" is the default and must be the last one; move it to the end or give it a "match"';
export const duplicate = (what: string, id: string) => `duplicate ${what} id '${id}'; ids must be unique`;
export const noPath = (id: string, known: string[]) => `no path '${id}'${suggest(id, known) || `; add it under "paths" (known: ${known.join(', ') || 'none'})`}`;
export const noTask = (id: string, known: string[]) => `no task '${id}' in this path's quickStart${suggest(id, known) || (known.length ? ` (tasks: ${known.join(', ')})` : '; add a quickStart with that task')}`;
export const triggerKinds = 'a trigger needs exactly one of "event", "click", "url", "element", "any" or "all"';
export const whereWithoutEvent = '"where" only works with "event"';
export const placeholder = (p: string) => `${p} is not a placeholder; use {{user.X}}, {{account.X}} or {{traits.X}}`;
export const unsafeLink = (url: string) => `link "${url}" is not allowed; use an http(s) or relative URL`;
export const emptyMatch = 'names no trait; add one, or remove "match" to make this the default segment';
export const selector = (s: string, why: string) => `"${s}" is not a valid CSS selector${why && ` (${why})`}; fix it, like "#nav" or "[data-tour=x]"`;
export const notObject = 'a flow must be a JSON object';
export const unreadable = (reason: string) => `the flow could not be read (${reason}); it must be plain JSON`;
