// checkShape (what parseFlow and the browser bundle run) against zod's parse of the same shape
// (flowSchema, what the published JSON Schema comes from): on generated, mutated and arbitrary
// documents, the same verdict, the same issues in the same order, and the same output.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowSchema } from '../src/index';
import { checkShape, type Issue } from '../src/flow/checkShape';
import { FLOW_SHAPE } from '../src/flow/flowShape';
import { mutate, mutation, validFlow } from './arbitraries';

const runs = Number(process.env.FUZZ_RUNS ?? 10000);
const params = (part: number) => ({ numRuns: Math.max(1, Math.round(runs * part)), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined });

/** An issue as parseFlow reads it (zod's own wording of a wrong type is not used). */
const view = (i: Partial<Issue>) => ({ code: i.code, path: i.path, input: i.input, ...(i.code === 'custom' && { message: i.message }),
  ...(i.expected && { expected: i.expected }), ...(i.keys && { keys: i.keys }) });

function both(doc: unknown) {
  const issues: Issue[] = [];
  const data = checkShape(FLOW_SHAPE, doc, issues);
  const z = flowSchema().safeParse(doc, { reportInput: true });
  return {
    ours: { ok: !issues.length, issues: issues.map(view), data: issues.length ? undefined : data },
    zod: { ok: z.success, issues: (z.error?.issues ?? []).map((i) => view(i as Partial<Issue>)), data: z.data },
    // key order matters to checkFlow (errors come in document order): compare it too
    order: issues.length ? [] : [JSON.stringify(data), JSON.stringify(z.data)],
  };
}
const same = (doc: unknown) => {
  const r = both(doc);
  expect(r.ours).toStrictEqual(r.zod); // strict: a field set to undefined is kept as zod keeps it
  expect(r.order[0]).toBe(r.order[1]);
};

describe('checkShape agrees with zod on the flow shape', () => {
  it('on generated valid flows', () => {
    fc.assert(fc.property(validFlow, (doc) => same(doc)), params(0.1));
  }, 60_000);

  it('on every kind of mutation of them', () => {
    fc.assert(fc.property(validFlow, mutation, (valid, m) => same(mutate(valid, m).doc)), params(0.1));
  }, 60_000);

  it('on arbitrary values, at the top and grafted anywhere into a valid flow', () => {
    const anything = fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true });
    const graft = fc.tuple(validFlow, fc.nat(), fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'title', 'any', 'en')), anything).map(([valid, n, key, value]) => {
      const doc = structuredClone(valid);
      const objects: any[] = [];
      const walk = (v: any) => v && typeof v === 'object' && (objects.push(v), Object.values(v).forEach(walk));
      walk(doc);
      const target = objects[n % objects.length];
      if (!(Array.isArray(target) && key === 'length')) Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return doc;
    });
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), anything, graft), (doc) => same(doc)), params(0.1));
  }, 60_000);

  it('on the cases zod treats specially: optional fields set to undefined, holes, __proto__ keys, a missing required field', () => {
    const doc = () => ({ id: 'f', version: 1, segments: [{ id: 'all', provisioning: 'jit', path: 'p' }],
      paths: { p: { activation: 't', quickStart: { title: 'Q', tasks: [{ id: 't', title: 'T', body: undefined }] } } } });
    const cases: unknown[] = [doc(), JSON.parse(JSON.stringify(doc()).replace('"paths":{', '"paths":{"__proto__":{"x":1},'))];
    cases.push(JSON.parse(JSON.stringify(doc()).replace('"version":1', '"__proto__":{},"version":1')));
    const holey = doc() as any;
    holey.segments = [, holey.segments[0]]; // eslint-disable-line no-sparse-arrays
    const missing = doc() as any;
    delete missing.paths.p.activation;
    cases.push(holey, missing, { ...doc(), labels: undefined, locale: undefined });
    for (const c of cases) same(c);
    expect(both(missing).ours.issues).toEqual([{ code: 'custom', path: ['paths', 'p', 'activation'], input: undefined, message: 'string' }]);
  });
});
