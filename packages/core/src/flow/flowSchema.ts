import * as z from 'zod/mini';
import { FORMATS, nonEmpty } from './formats';
import { FLOW_SHAPE, NAMED, type Rule, type Shape } from './flowShape';

/**
 * flowShape.ts's structure as a zod schema: what the published JSON Schema is generated from
 * (the CLI's `guidepost schema`), and what checkShape is tested against. Every object is strict;
 * a value rule is a custom type named after its formats.ts rule; a list that must not be empty is
 * refined by formats.ts's nonEmpty, named after the list. The browser bundle does not include it.
 */
function build() {
  const rules = new Map<string, z.ZodMiniType>();
  const named = new Map<string, z.ZodMiniType>();
  const toZod = (shape: Shape): z.ZodMiniType => {
    if (typeof shape === 'string') {
      if (shape in NAMED) {
        const key = shape as keyof typeof NAMED;
        // built once, and referred to from inside itself through a getter (zod's recursive objects)
        if (!named.has(key)) {
          const fields = object(NAMED[key], true);
          named.set(key, z.strictObject(fields));
        }
        return named.get(key)!;
      }
      if (!rules.has(shape)) rules.set(shape, z.custom(FORMATS[shape as Rule], shape));
      return rules.get(shape)!;
    }
    if (Array.isArray(shape)) {
      const list = z.array(toZod(shape[0]));
      return shape[1] ? list.check(z.refine<unknown[]>(nonEmpty, shape[1])) : list;
    }
    const each = (shape as { '*'?: Shape })['*'];
    return each ? z.catchall(z.object({}), toZod(each)) : z.strictObject(object(shape as Record<string, Shape>, false));
  };
  /** the fields of a strict object; lazy ones are getters, so a shape may contain itself */
  const object = (shape: Record<string, Shape>, lazy: boolean) => {
    const fields: Record<string, z.ZodMiniType> = {};
    for (const [field, sub] of Object.entries(shape)) {
      const key = field.replace(/^\?/, '');
      const make = () => (field[0] === '?' ? z.optional(toZod(sub)) : toZod(sub));
      if (lazy) Object.defineProperty(fields, key, { get: make, enumerable: true, configurable: true });
      else fields[key] = make();
    }
    return fields;
  };
  return toZod(FLOW_SHAPE);
}

let schema: z.ZodMiniType | undefined;

/**
 * The flow schema, built on first use. zod's schemas decide at construction whether they may
 * compile a parser with `new Function`, and the probe alone is a violation report on a strict-CSP
 * page, so ours are built in jitless mode. The mode is zod's global config, which an app's own zod
 * shares (npm users bundle one zod): it is set only while ours are built, then put back as it was.
 */
export function flowSchema(): z.ZodMiniType {
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
