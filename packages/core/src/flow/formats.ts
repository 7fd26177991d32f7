import { DURATION_RE } from '../text/parseDuration';
import type { Text } from '../text/resolveText';

/**
 * The value rules of the flow format, each a predicate, by the name flowShape.ts gives it, with its
 * JSON Schema. A failed rule is reported by name; flowMessages words it. formatJsonSchema is for
 * the published JSON Schema only (the CLI imports it; the browser bundle drops it).
 */
type Scalar = string | number | boolean;
const isString = (v: unknown): v is string => typeof v === 'string';
const isScalar = (v: unknown): v is Scalar => isString(v) || typeof v === 'number' || typeof v === 'boolean';
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v));

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const FLOW_ID_RE = /^[a-z0-9-]+$/;
const URL_RE = /^[/#]/;
const matches = (re: RegExp) => (v: unknown): v is string => isString(v) && re.test(v);
const oneOf = <T extends string>(values: readonly T[]) => (v: unknown): v is T => values.includes(v as T);

/** The rules that allow a fixed list of strings, by rule name. */
export const ENUMS = {
  // 'auto', then each side alone and with its start and end alignment: 'top', 'top-start', 'top-end', 'right', …
  placement: ['auto', ...(['top', 'right', 'bottom', 'left'] as const).flatMap((s) => [s, `${s}-start`, `${s}-end`] as const)],
  onMissing: ['skip', 'center'],
  provisioning: ['self-service', 'admin', 'jit'],
} as const;

export const FORMATS = {
  string: isString,
  boolean: (v: unknown): v is boolean => typeof v === 'boolean',
  text: (v: unknown): v is Text => isString(v) || (isPlainObject(v) && Object.values(v).every(isString)),
  scalar: isScalar,
  // a list of accepted values that is empty would match nobody
  scalarOrList: (v: unknown): v is Scalar | Scalar[] => isScalar(v) || (Array.isArray(v) && !!v.length && v.every(isScalar)),
  int: (v: unknown): v is number => Number.isSafeInteger(v),
  duration: matches(DURATION_RE),
  id: matches(ID_RE),
  flowId: matches(FLOW_ID_RE),
  url: matches(URL_RE),
  placement: oneOf(ENUMS.placement),
  onMissing: oneOf(ENUMS.onMissing),
  provisioning: oneOf(ENUMS.provisioning),
};
/** A list that must not be empty (flowSchema's refinement; checkShape tests the length itself). */
export const nonEmpty = (v: unknown[]) => v.length > 0;
export type Format = keyof typeof FORMATS;

type Json = Record<string, unknown>;

/** The JSON Schema of the rule whose predicate this is (a custom type or a refinement of the flow schema). */
export function formatJsonSchema(fn: unknown): Json | undefined {
  if (fn === nonEmpty) return { minItems: 1 };
  const key = (Object.keys(FORMATS) as Format[]).find((k) => FORMATS[k] === fn);
  return key && jsonSchemas()[key];
}

/**
 * A text as a JSON Schema string, for editors: placeholders only {{user.X}}, {{account.X}} or
 * {{traits.X}} (text/placeholders.ts), and a link's URL http(s) or relative (text/parseMarkdown.ts).
 * Stricter than the validator in one corner: a link written in a title (shown as it is) is checked too.
 */
const TEXT: Json = {
  type: 'string',
  pattern: String.raw`^(?![\s\S]*\]\((?:(?!https?:)[A-Za-z][A-Za-z0-9+.-]*:|//))(?:[^{]|\{(?!\{)|\{\{\s*(?:user|account|traits)\.[A-Za-z0-9_-]+\s*\}\})*$`,
};

function jsonSchemas(): Record<Format, Json> {
  const pattern = (re: RegExp): Json => ({ type: 'string', pattern: re.source });
  const scalar = { type: ['string', 'number', 'boolean'] };
  const oneOf = (values: readonly string[]): Json => ({ type: 'string', enum: values });
  return {
    string: { type: 'string' },
    boolean: { type: 'boolean' },
    text: { anyOf: [TEXT, { type: 'object', propertyNames: { type: 'string' }, additionalProperties: TEXT }] },
    scalar,
    scalarOrList: { anyOf: [scalar, { type: 'array', items: scalar, minItems: 1 }] },
    int: { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
    duration: pattern(DURATION_RE),
    id: pattern(ID_RE),
    flowId: pattern(FLOW_ID_RE),
    url: pattern(URL_RE),
    placement: oneOf(ENUMS.placement),
    onMissing: oneOf(ENUMS.onMissing),
    provisioning: oneOf(ENUMS.provisioning),
  };
}
