// Property-based fuzzing of the flow format and the engine (quality.md, "Reliability").
// FUZZ_RUNS (default 10000) is the total number of generated documents, split across properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, parseFlow, type Flow, type Signal, type TrailEvent } from '../src/index';
import { eventName, fmt, mutate, mutation, selector, validFlow, type Key } from './arbitraries';

const runs = Number(process.env.FUZZ_RUNS ?? 10000);
const share = (part: number) => ({ numRuns: Math.max(1, Math.round(runs * part)), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined });
const problems = (doc: unknown) => {
  const r = parseFlow(doc);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};
/** An error points at the mutated location or above it (never only at the document root, unless the change is at the top). */
const pointsAt = (err: string, at: Key[]) => {
  const m = fmt(at);
  return (err === m || m.startsWith(`${err}.`) || m.startsWith(`${err}[`)) && (err !== 'flow' || at.length <= 1);
};

describe('parseFlow under generated documents', () => {
  it('accepts every generated valid flow', () => {
    fc.assert(fc.property(validFlow, (doc) => {
      expect(problems(doc)).toEqual([]);
      expect(problems(JSON.parse(JSON.stringify(doc)))).toEqual([]);
    }), share(0.25));
  }, 60_000);

  it('rejects every harmful mutation at (or above) the mutated location, with a message', () => {
    fc.assert(fc.property(validFlow, mutation, (valid, m) => {
      const { doc, at, mustBeInvalid, kind } = mutate(valid, m);
      const r = parseFlow(doc);
      if (!mustBeInvalid) return void expect({ kind, at: fmt(at), errors: problems(doc) }).toEqual({ kind, at: fmt(at), errors: [] });
      expect(r.ok).toBe(false);
      const near = r.errors.filter((e) => pointsAt(e.path, at));
      expect({ kind, at: fmt(at), found: near.length > 0 && near.every((e) => e.message.length > 0), errors: r.errors })
        .toMatchObject({ kind, at: fmt(at), found: true });
      for (const e of r.errors) expect([e.path.startsWith('flow'), typeof e.message, e.message.length > 0]).toEqual([true, 'string', true]);
    }), share(0.4));
  }, 60_000);

  it('never throws on arbitrary values, nor on valid flows with any value grafted in', () => {
    const graft = fc.tuple(validFlow, fc.nat(), fc.string({ maxLength: 8 }), fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withNullPrototype: true }));
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.anything({ withBigInt: true, withNullPrototype: true }), graft), (input) => {
      let doc: unknown = input;
      if (Array.isArray(input) && input.length === 4 && typeof input[1] === 'number' && input[0]?.segments) {
        const [valid, n, key, value] = input as [Record<string, any>, number, string, unknown];
        doc = structuredClone(valid);
        const objects = allObjects(doc);
        const target = objects[n % objects.length];
        // an array's length only takes a whole number (anything else throws here, not in parseFlow)
        if (!(Array.isArray(target) && key === 'length')) target[key] = value;
      }
      const r = parseFlow(doc);
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
    }), share(0.2));
  }, 60_000);
});

function allObjects(v: any, out: any[] = []): any[] {
  if (v && typeof v === 'object') {
    out.push(v);
    for (const x of Object.values(v)) allObjects(x, out);
  }
  return out;
}

// ---- the engine, driven by random sequences of its public calls -----------------------------------
const STATUSES = ['welcome', 'tour', 'tasks', 'done', 'dismissed', 'blocked'];
const HOST_KINDS = ['permission_denied', 'role_mismatch', 'role_corrected', 'workspace_blocked', 'workspace_access_restored',
  'invite_failed', 'invite_resent', 'invite_accepted', 'bogus', '', 'constructor', 'toString', '__proto__'];
const location = fc.record({ pathname: fc.constantFrom('/', '/reports/a', '/a/b/c', '/x', '/dashboards/1/edit'), search: fc.constantFrom('', '?tab=1'), hash: fc.constantFrom('', '#/done') });
const signal: fc.Arbitrary<Signal> = fc.oneof(
  fc.record({ kind: fc.constant('event' as const), name: fc.oneof(eventName, fc.string({ maxLength: 5 })), props: fc.option(fc.dictionary(fc.constantFrom('kind', 'n', 'ok'), fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 3 }))), { nil: undefined }) }),
  fc.record({ kind: fc.constantFrom('click' as const, 'element' as const), selector: fc.oneof(selector, fc.string({ maxLength: 5 })) }),
  fc.record({ kind: fc.constant('url' as const), location }),
);
type Cmd = { c: 'signal'; s: Signal } | { c: 'host'; kind: string; detail: unknown } | { c: 'tick'; ms: number } | { c: 'visible'; v: boolean }
  | { c: 'missing'; n: number; sel: string } | { c: 'location'; loc: Fc<typeof location> } | { c: 'call'; name: (typeof CALLS)[number] };
type Fc<A> = A extends fc.Arbitrary<infer T> ? T : never;
const CALLS = ['start', 'cta', 'next', 'back', 'skip', 'dismiss', 'resume', 'retry', 'help', 'reset'] as const;
const command: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ c: fc.constant('call' as const), name: fc.constantFrom(...CALLS) }) },
  { weight: 3, arbitrary: fc.record({ c: fc.constant('signal' as const), s: signal }) },
  { weight: 2, arbitrary: fc.record({ c: fc.constant('host' as const), kind: fc.constantFrom(...HOST_KINDS), detail: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })) }) },
  { weight: 3, arbitrary: fc.record({ c: fc.constant('tick' as const), ms: fc.oneof(fc.nat(5000), fc.nat(20 * 60_000)) }) },
  fc.record({ c: fc.constant('visible' as const), v: fc.boolean() }),
  fc.record({ c: fc.constant('missing' as const), n: fc.nat(), sel: selector }),
  fc.record({ c: fc.constant('location' as const), loc: location }),
);
const user = fc.record({ id: fc.constantFrom('u1', 'u2'), role: fc.option(fc.constantFrom('admin', 'member', 'owner'), { nil: undefined }), name: fc.constant('<img src=x>'),
  traits: fc.dictionary(fc.constantFrom('plan', 'provisioning', 'tier'), fc.oneof(fc.constantFrom('jit', 'pro'), fc.integer(), fc.boolean()), { maxKeys: 2 }) });

function drive(flow: Flow, u: Fc<typeof user>, cmds: Cmd[]) {
  let clock = 1_700_000_000_000;
  const timers: Array<{ due: number; fn: () => void; off: boolean }> = [];
  const engine = createEngine({ flow, user: u, account: { id: 'a1', name: 'Acme' }, platform: {
    now: () => clock,
    setTimer: (fn, ms) => {
      const t = { due: clock + ms, fn, off: false };
      timers.push(t);
      return () => void (t.off = true);
    },
  } });
  const heard: TrailEvent[] = [];
  engine.listen((e) => heard.push(e));
  const ids = [...(flow.paths[Object.keys(flow.paths)[0]].tour?.steps ?? []).map((s) => s.id), 'nope'];
  const broken: string[] = [];
  for (const cmd of cmds) {
    if (cmd.c === 'tick') {
      clock += cmd.ms;
      for (let i = 0, t; (t = timers.find((x) => !x.off && x.due <= clock)) && i < 50; i++) (t.off = true), t.fn();
    } else if (cmd.c === 'call') engine[cmd.name]();
    else if (cmd.c === 'signal') engine.signal(cmd.s);
    else if (cmd.c === 'host') engine.hostSignal(cmd.kind, cmd.detail);
    else if (cmd.c === 'visible') engine.visible(cmd.v);
    else if (cmd.c === 'location') engine.location(cmd.loc);
    else engine.targetMissing(engine.$state.get().step ?? ids[cmd.n % ids.length], cmd.sel);
    const trail = engine.trail();
    const status = engine.$state.get().status;
    if (trail.some((e, i) => e.seq !== i + 1)) broken.push(`seq gap after ${JSON.stringify(cmd)}`);
    if (new Set(trail.map((e) => e.id)).size !== trail.length) broken.push(`duplicate id after ${JSON.stringify(cmd)}`);
    if (trail.length && !STATUSES.includes(status)) broken.push(`status ${status} after ${JSON.stringify(cmd)}`);
    if (heard.length !== trail.length) broken.push(`listeners heard ${heard.length} of ${trail.length} events`);
  }
  return broken.slice(0, 3);
}

describe('the engine under random sequences of public calls', () => {
  it('never throws, keeps seq gapless from 1, ids unique and status documented', () => {
    fc.assert(fc.property(validFlow, user, fc.array(command, { minLength: 1, maxLength: 60 }), (doc, u, cmds) => {
      const r = parseFlow(doc);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(drive(r.flow, u, [{ c: 'call', name: 'start' }, ...cmds])).toEqual([]);
    }), share(0.15));
  }, 60_000);
});

describe('counterexamples the fuzzer found (kept as plain cases)', () => {
  const base = () => ({ id: 'f', version: 1, segments: [{ id: 'all', provisioning: 'self-service', path: 'p' }],
    paths: { p: { quickStart: { title: 'Q', tasks: [{ id: 't', title: 'T' }] }, activation: 't' } } });

  it('rejects a segment whose path names an Object.prototype member', () => {
    const found = ['toString', 'constructor', '__proto__', 'hasOwnProperty'].map((name) => {
      const doc = base();
      doc.segments[0].path = name;
      return parseFlow(doc).errors.map((e) => e.path);
    });
    expect(found).toEqual([['flow.segments[0].path'], ['flow.segments[0].path'], ['flow.segments[0].path'], ['flow.segments[0].path']]);
  });

  it('reports a BigInt or a cyclic value instead of throwing', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const found = [10n, cyclic].map((v) => {
      const doc: Record<string, unknown> = { ...base(), version: v };
      try {
        return parseFlow(doc).errors.map((e) => e.path);
      } catch (e) {
        return `threw ${(e as Error).message}`;
      }
    });
    expect(found).toEqual([['flow.version'], ['flow.version']]);
  });

  it('answers false for host signal kinds that are Object.prototype members', () => {
    const r = parseFlow(base());
    if (!r.ok) throw new Error('base flow');
    const engine = createEngine({ flow: r.flow, user: { id: 'u' }, platform: { now: () => 1, setTimer: () => () => {} } });
    engine.start();
    const answers = ['toString', 'constructor', '__proto__', 'valueOf'].map((kind) => {
      try {
        return engine.hostSignal(kind);
      } catch (e) {
        return `threw ${(e as Error).message}`;
      }
    });
    expect([answers, engine.$state.get().status]).toEqual([[false, false, false, false], 'tasks']);
  });
});
