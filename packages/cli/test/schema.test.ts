import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowJsonSchema, SCHEMA_ID } from '../src/commands/schema';

type Json = Record<string, any>;
const schema = flowJsonSchema() as Json;
const sample = () => JSON.parse(readFileSync('examples/acme/public/onboarding.json', 'utf8')) as Json;

/**
 * A small validator for the keywords this schema uses (draft 2020-12 semantics): enough to prove
 * the schema accepts real flows and rejects typos. Returns the JSON pointers that fail.
 */
function check(node: Json, v: unknown, at = ''): string[] {
  if (node.$ref) return check(node.$ref.split('/').slice(1).reduce((o: Json, k: string) => o[k], schema), v, at);
  const errors: string[] = [];
  const types = node.type === undefined ? null : [node.type].flat();
  const typeOf = (x: unknown) => (Array.isArray(x) ? 'array' : x === null ? 'null' : Number.isInteger(x) ? 'integer' : typeof x);
  if (types && !types.some((t: string) => t === typeOf(v) || (t === 'number' && typeof v === 'number'))) return [`${at}: type`];
  if (node.enum && !node.enum.includes(v)) errors.push(`${at}: enum`);
  if (node.pattern && typeof v === 'string' && !new RegExp(node.pattern, 'u').test(v)) errors.push(`${at}: pattern`);
  if (node.anyOf && !node.anyOf.some((s: Json) => !check(s, v, at).length)) errors.push(`${at}: anyOf`);
  if (node.oneOf && node.oneOf.filter((s: Json) => !check(s, v, at).length).length !== 1) errors.push(`${at}: oneOf`);
  if (Array.isArray(v)) {
    if (node.minItems !== undefined && v.length < node.minItems) errors.push(`${at}: minItems`);
    if (node.items) v.forEach((x, i) => errors.push(...check(node.items, x, `${at}/${i}`)));
  } else if (v && typeof v === 'object') {
    const o = v as Json;
    if (node.minProperties !== undefined && Object.keys(o).length < node.minProperties) errors.push(`${at}: minProperties`);
    for (const r of node.required ?? []) if (!(r in o)) errors.push(`${at}/${r}: required`);
    for (const [k, deps] of Object.entries(node.dependentRequired ?? {})) if (k in o) for (const d of deps as string[]) if (!(d in o)) errors.push(`${at}/${d}: dependentRequired`);
    for (const [k, x] of Object.entries(o)) {
      if (node.properties?.[k]) errors.push(...check(node.properties[k], x, `${at}/${k}`));
      else if (node.additionalProperties === false && node.properties) errors.push(`${at}/${k}: additionalProperties`);
      else if (node.additionalProperties && typeof node.additionalProperties === 'object') errors.push(...check(node.additionalProperties, x, `${at}/${k}`));
    }
  }
  return errors;
}

/** Every object schema with properties, with its JSON pointer in the schema. */
function objects(node: unknown, at = '#'): Array<[string, Json]> {
  if (!node || typeof node !== 'object') return [];
  const n = node as Json;
  const here: Array<[string, Json]> = n.type === 'object' && n.properties ? [[at, n]] : [];
  return [...here, ...Object.entries(n).flatMap(([k, x]) => objects(x, `${at}/${k}`))];
}

describe('flow JSON Schema', () => {
  it('declares draft 2020-12, an $id, a title and a description', () => {
    expect([schema.$schema, schema.$id, schema.title, typeof schema.description]).toEqual([
      'https://json-schema.org/draft/2020-12/schema', SCHEMA_ID, 'Guidepost flow', 'string',
    ]);
  });

  it('makes every object strict, with required fields among its properties', () => {
    const found = objects(schema).filter(([, o]) => o.additionalProperties !== false || !(o.required ?? []).every((r: string) => r in o.properties));
    expect(found.map(([at]) => at)).toEqual([]);
    expect(objects(schema).length).toBeGreaterThan(12);
  });

  it('has the fields and required fields the flow format fixes', () => {
    const items = (o: Json) => o.items as Json;
    const path = schema.properties.paths.additionalProperties;
    const shape = (o: Json) => ({ properties: Object.keys(o.properties).sort(), required: [...(o.required ?? [])].sort() });
    expect({
      top: shape(schema),
      segment: shape(items(schema.properties.segments)),
      path: shape(path),
      welcome: shape(path.properties.welcome),
      task: shape(items(path.properties.quickStart.properties.tasks)),
      stall: shape(schema.properties.defaults.properties.stall),
      trigger: shape(schema.$defs.trigger),
    }).toEqual({
      top: { properties: ['$schema', 'defaults', 'exceptions', 'id', 'labels', 'locale', 'paths', 'segments', 'version'], required: ['id', 'paths', 'segments', 'version'] },
      segment: { properties: ['id', 'match', 'owner', 'path', 'provisioning'], required: ['id', 'path', 'provisioning'] },
      path: { properties: ['activation', 'coreTask', 'owner', 'quickStart', 'tour', 'welcome'], required: ['activation'] },
      welcome: { properties: ['body', 'cta', 'title'], required: ['cta', 'title'] },
      task: { properties: ['body', 'complete', 'id', 'nextAction', 'owner', 'stall', 'target', 'title'], required: ['id', 'title'] },
      stall: { properties: ['after', 'handoffAfter', 'nextAction', 'owner', 'prompt', 'retryAfter'], required: [] },
      trigger: { properties: ['all', 'any', 'click', 'element', 'event', 'url', 'where'], required: [] },
    });
  });

  it('accepts the sample flow and rejects typos, wrong types and bad triggers', () => {
    const cases: Array<[string, (f: Json) => void]> = [
      ['sample', () => {}],
      ['typo', (f) => { f.segments[0].provisoning = 'admin'; }],
      ['enum', (f) => { f.segments[0].provisioning = 'sso'; }],
      ['duration', (f) => { f.defaults.stall.after = '2 minutes'; }],
      ['no activation', (f) => { delete f.paths['admin-setup'].activation; }],
      ['two kinds', (f) => { f.paths['admin-setup'].quickStart.tasks[0].complete = { event: 'a', click: '#b' }; }],
      ['where without event', (f) => { f.paths['admin-setup'].quickStart.tasks[0].complete = { click: '#b', where: { a: 1 } }; }],
      ['nested trigger typo', (f) => { f.paths['admin-setup'].quickStart.tasks[0].complete = { any: [{ evnt: 'a' }] }; }],
      ['locale map', (f) => { f.paths['admin-setup'].welcome.title = { en: 'Hi', de: 'Hallo' }; }],
      ['placeholders', (f) => { f.paths['admin-setup'].welcome.title = 'Hi {{ user.name }} of {{account.name}} {on {{traits.plan}}}'; }],
      ['bad placeholder', (f) => { f.paths['admin-setup'].welcome.title = { en: 'Hi {{foo}}' }; }],
      ['unclosed placeholder', (f) => { f.paths['admin-setup'].welcome.body = 'Welcome, {{user.name'; }],
      ['links', (f) => { f.paths['admin-setup'].welcome.body = 'See [docs](https://x.test/a) and [help](/help#top).'; }],
      ['unsafe link', (f) => { f.paths['admin-setup'].welcome.body = 'Click **[here](javascript:alert(1))**'; }],
      ['protocol-relative link', (f) => { f.paths['admin-setup'].welcome.body = '[x](//evil.test)'; }],
      // as the validator: a link's URL starts right after "](" (with a space, it is no link but text)
      ['spaced link', (f) => { f.paths['admin-setup'].welcome.body = '[x]( javascript:alert(1))'; }],
      ['three braces', (f) => { f.paths['admin-setup'].welcome.title = 'Hi {{{user.name}}}'; }],
      ['empty match', (f) => { f.segments[0].match = {}; }],
      ['empty list of accepted values', (f) => { f.segments[0].match = { role: [] }; }],
    ];
    const got = cases.map(([name, edit]) => {
      const f = sample();
      edit(f);
      return [name, check(schema, f)];
    });
    expect(got).toEqual([
      ['sample', []],
      ['typo', ['/segments/0/provisoning: additionalProperties']],
      ['enum', ['/segments/0/provisioning: enum']],
      ['duration', ['/defaults/stall/after: pattern']],
      ['no activation', ['/paths/admin-setup/activation: required']],
      ['two kinds', ['/paths/admin-setup/quickStart/tasks/0/complete: oneOf']],
      ['where without event', ['/paths/admin-setup/quickStart/tasks/0/complete/event: dependentRequired']],
      ['nested trigger typo', ['/paths/admin-setup/quickStart/tasks/0/complete/any/0: oneOf', '/paths/admin-setup/quickStart/tasks/0/complete/any/0/evnt: additionalProperties']],
      ['locale map', []],
      ['placeholders', []],
      ['bad placeholder', ['/paths/admin-setup/welcome/title: anyOf']],
      ['unclosed placeholder', ['/paths/admin-setup/welcome/body: anyOf']],
      ['links', []],
      ['unsafe link', ['/paths/admin-setup/welcome/body: anyOf']],
      ['protocol-relative link', ['/paths/admin-setup/welcome/body: anyOf']],
      ['spaced link', []],
      ['three braces', ['/paths/admin-setup/welcome/title: anyOf']],
      ['empty match', ['/segments/0/match: minProperties']],
      ['empty list of accepted values', ['/segments/0/match/role: anyOf']],
    ]);
  });

  it('describes the fields an editor shows while typing', () => {
    const path = schema.properties.paths.additionalProperties;
    const step = path.properties.tour.properties.steps.items;
    const undescribed = [
      ...Object.entries(schema.properties).map(([k, v]) => [`flow.${k}`, v]),
      ...Object.entries(items(schema.properties.segments).properties).map(([k, v]) => [`segment.${k}`, v]),
      ...Object.entries(path.properties).map(([k, v]) => [`path.${k}`, v]),
      ...Object.entries(step.properties).map(([k, v]) => [`step.${k}`, v]),
      ...Object.entries(schema.$defs.trigger.properties).map(([k, v]) => [`trigger.${k}`, v]),
    ].filter(([, v]) => typeof (v as Json).description !== 'string').map(([k]) => k);
    expect(undescribed).toEqual([]);
    function items(o: Json) {
      return o.items as Json;
    }
  });

  it('is the schema written to docs/ and the reference generated from it is current', () => {
    expect(JSON.parse(readFileSync('docs/flow.schema.json', 'utf8'))).toEqual(schema);
    expect(execFileSync(process.execPath, ['scripts/gen-flow-reference.mjs', '--check'], { encoding: 'utf8' })).toBe('');
  });
});
