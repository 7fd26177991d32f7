import { flowSchema, formatJsonSchema } from '@guidepost/core';
// zod is core's dependency; the CLI reaches the same copy through core (one zod instance).
import { toJSONSchema } from 'zod/mini';
import { parseArgs } from './args';
import { HELP } from './help';
import { usageError } from './io';
import type { Io } from './io';
import { FIELDS, PATHS } from './schemaDescriptions';

type Json = Record<string, unknown>;
interface Def { type: string; fn?: unknown; checks?: Array<{ _zod: { def: Def } }> }

export const SCHEMA_ID = 'https://unpkg.com/guidepost/dist/flow.schema.json';
const TRIGGER_KINDS = ['event', 'click', 'url', 'element', 'any', 'all'];

/**
 * The flow's JSON Schema (draft 2020-12), generated from core's zod schema so it cannot drift,
 * then given an $id, a title and editor descriptions. The schema's value rules (custom types and
 * refinements with a predicate of core's formats.ts) get that rule's JSON Schema; a map (an object with a
 * catchall and no fields) is written as a record. The recursive trigger becomes $defs.trigger,
 * with "exactly one kind" and "where needs event" written in JSON Schema terms. Cross-field rules
 * (references between ids, one default segment, placeholders) are checked by `guidepost validate`.
 */
export function flowJsonSchema(): Json {
  const raw = toJSONSchema(flowSchema(), {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const def = zodSchema._zod.def as Def;
      for (const fn of [def.fn, ...(def.checks ?? []).map((c) => c._zod.def.fn)]) Object.assign(jsonSchema, formatJsonSchema(fn));
      if (def.type === 'object' && isObject(jsonSchema.additionalProperties) && !Object.keys(jsonSchema.properties ?? {}).length) {
        delete jsonSchema.properties;
        jsonSchema.propertyNames = { type: 'string' };
      }
    },
  }) as Json;
  const text = JSON.stringify(raw).replace(/#\/\$defs\/__schema0"/g, '#/$defs/trigger"');
  const generated = JSON.parse(text) as Json;
  const defs = (generated.$defs ?? {}) as Record<string, Json>;
  const trigger = defs.__schema0;
  delete defs.__schema0;
  if (trigger) {
    // what checkFlow adds to the structure, where JSON Schema can say it
    defs.trigger = { ...trigger, oneOf: TRIGGER_KINDS.map((k) => ({ required: [k], properties: { [k]: true } })), dependentRequired: { where: ['event'] } };
  }
  unionTypes(generated);
  // a segment's match names at least one trait (checkFlow; without any, leave "match" out)
  const segment = ((generated.properties as Record<string, Json>).segments.items as Json).properties as Record<string, Json>;
  segment.match.minProperties = 1;
  const { $schema, ...rest } = generated;
  const schema: Json = { $schema, $id: SCHEMA_ID, title: 'Guidepost flow', ...rest };
  describe(schema, '');
  for (const [name, def] of Object.entries(defs)) describe(def, name);
  return schema;
}

/** A list of types becomes an anyOf of each: strict validators (ajv's strict mode) refuse union types. */
function unionTypes(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(unionTypes);
  if (!isObject(node)) return;
  if (Array.isArray(node.type) && !node.anyOf) {
    node.anyOf = node.type.map((type) => ({ type }));
    delete node.type;
  }
  Object.values(node).forEach(unionTypes);
}

function describe(node: Json, at: string): void {
  const text = PATHS[at] ?? FIELDS[at.slice(at.search(/[^.[\]*]+$/))];
  if (text && !node.description) node.description = text;
  for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Json>)) describe(child, at ? `${at}.${key}` : key);
  if (isObject(node.items)) describe(node.items, `${at}[]`);
  if (isObject(node.additionalProperties) && node.propertyNames) describe(node.additionalProperties, `${at}.*`);
  // an array of objects (any/all) or an object behind a $ref carries its own descriptions
  if (Array.isArray(node.anyOf)) for (const branch of node.anyOf as Json[]) if (isObject(branch) && branch.properties) describe(branch, at);
}

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** `guidepost schema`: prints the JSON Schema. */
export async function schemaCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {});
  if ('error' in args) return usageError(io, 'schema', args.error);
  if (args.flags.help) return io.out(HELP.schema), 0;
  if (args.positional.length) return usageError(io, 'schema', 'takes no arguments');
  io.out(`${JSON.stringify(flowJsonSchema(), null, 2)}\n`);
  return 0;
}
