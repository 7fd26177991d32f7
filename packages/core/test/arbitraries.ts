// fast-check arbitraries for the flow format (flow-format.md): valid flows, and the mutations
// that break them, each with the JSON path it breaks and whether it must make the flow invalid.
import fc from 'fast-check';

type Json = any; // generated documents are plain JSON trees, edited in place after cloning
export type Key = string | number;

const clean = (s: string) => !s.includes('{{') && !s.includes('](') && !s.includes('}}');
const word = fc.oneof(
  fc.constantFrom('Reports', 'live here', 'your data', 'Ünïcødé ✓', '<b>not html</b>', 'a & b', '"quoted"', '100%', ''),
  fc.string({ maxLength: 12 }).filter(clean),
  fc.string({ unit: 'grapheme', maxLength: 6 }).filter(clean),
);
const placeholder = fc.constantFrom('{{user.name}}', '{{user.role}}', '{{account.name}}', '{{traits.plan}}', '{{ user.id }}', '{{account.tier_2}}');
const link = fc.constantFrom('https://acme.test/docs', 'http://acme.test/a?b=1#c', '/help', 'docs/start', '#faq', '?tab=2');
const str = fc.array(fc.oneof(word, placeholder, word.map((w) => `**${w || 'x'}**`), link.map((u) => `[see](${u})`)), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(' '));
const text = fc.oneof({ weight: 3, arbitrary: str }, { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('en', 'de', 'fr', 'pt-BR'), str, { minKeys: 1, noNullPrototype: true }) });
export const duration = fc.tuple(fc.oneof(fc.nat(5000), fc.constantFrom(0.5, 1.25)), fc.constantFrom('ms', 's', 'm', 'h', 'd')).map(([n, u]) => `${n}${u}`);
export const selector = fc.constantFrom('#nav-reports', '[data-tour=add]', '.report-row', 'button.primary', 'a[href="/x"]', 'main > section:nth-child(2)');
export const eventName = fc.constantFrom('report_created', 'source_connected', 'report_shared', 'x');
const urlGlob = fc.constantFrom('/reports/*', '/a/**', '#/done', '/x?tab=1', '/', '/dashboards/*/edit');
const scalar = fc.oneof(fc.string({ maxLength: 8 }).filter(clean), fc.integer(), fc.boolean());
const owner = fc.constantFrom('support', 'product', 'customer-success');
const chars = (set: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...set), minLength: min, maxLength: max });
const idArb = fc.tuple(chars('aZ09', 1, 1), chars('abzAZ09_.-', 0, 6)).map(([a, b]) => a + b);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fc.record infers one value type per call; these shapes mix them
const opt = (r: Record<string, fc.Arbitrary<any>>, required: string[] = []): fc.Arbitrary<Json> => fc.record(r, { requiredKeys: required as never[] });

export const { trigger } = fc.letrec<{ trigger: Json }>((tie) => ({
  trigger: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    opt({ event: eventName, where: fc.dictionary(fc.constantFrom('kind', 'n', 'ok'), scalar, { maxKeys: 2, noNullPrototype: true }) }, ['event']),
    fc.record({ click: selector }), fc.record({ url: urlGlob }), fc.record({ element: selector }),
    fc.record({ any: fc.array(tie('trigger'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ all: fc.array(tie('trigger'), { minLength: 1, maxLength: 3 }) })),
}));
const prompt = opt({ title: text, body: text, target: selector }, ['title']);
const stall = opt({ after: duration, retryAfter: duration, handoffAfter: duration, prompt, owner, nextAction: text });
const placement = fc.constantFrom('auto', 'top', 'top-start', 'right-end', 'bottom', 'left', 'left-start');
const step = opt({ target: selector, title: text, body: text, placement, complete: trigger, waitFor: duration,
  onMissing: fc.constantFrom('skip', 'center'), spotlight: fc.boolean(), stall, owner, nextAction: text }, ['title']);
const task = opt({ title: text, body: text, target: selector, complete: trigger, stall, owner, nextAction: text }, ['title']);

const path = fc.record({
  welcome: fc.option(opt({ title: text, body: text, cta: text }, ['title', 'cta']), { nil: undefined }),
  tour: fc.option(opt({ skippable: fc.boolean(), steps: fc.array(step, { minLength: 1, maxLength: 4 }) }, ['steps']), { nil: undefined }),
  qs: fc.record({ title: text, tasks: fc.array(task, { minLength: 1, maxLength: 4 }) }),
  ids: fc.uniqueArray(idArb, { minLength: 8, maxLength: 8 }),
  activation: fc.nat(), coreTask: fc.option(fc.nat(), { nil: undefined }), owner: fc.option(owner, { nil: undefined }),
}).map(({ welcome, tour, qs, ids, activation, coreTask, owner: own }) => {
  const steps = tour?.steps ?? [];
  steps.forEach((s: Json, i: number) => (s.id = ids[i]));
  qs.tasks.forEach((t: Json, i: number) => (t.id = ids[steps.length + i]));
  const at = (n: number) => qs.tasks[n % qs.tasks.length].id as string;
  return clear({ welcome, tour, quickStart: qs, activation: at(activation), coreTask: coreTask === undefined ? undefined : at(coreTask), owner: own });
});
const clear = <T extends Record<string, unknown>>(o: T): T => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};

const match = fc.dictionary(fc.constantFrom('role', 'plan', 'account.tier', 'provisioning'), fc.oneof(scalar, fc.array(scalar, { minLength: 1, maxLength: 3 })), { minKeys: 1, maxKeys: 3, noNullPrototype: true });
const provisioning = fc.constantFrom('self-service', 'admin', 'jit');

/** A valid flow document (plain JSON), as a product manager could write it. */
export const validFlow: fc.Arbitrary<Json> = fc.record({
  pathIds: fc.uniqueArray(fc.tuple(chars('abz', 1, 1), chars('az09-', 0, 7)).map(([a, b]) => a + b), { minLength: 3, maxLength: 3 }),
  paths: fc.array(path, { minLength: 1, maxLength: 3 }),
  segIds: fc.uniqueArray(idArb, { minLength: 4, maxLength: 4 }),
  segs: fc.array(opt({ match, provisioning, path: fc.nat(), owner }, ['match', 'provisioning', 'path']), { maxLength: 3 }),
  def: opt({ provisioning, path: fc.nat(), owner }, ['provisioning', 'path']),
  head: opt({
    $schema: fc.constant('https://guidepost.dev/flow.schema.json'), locale: fc.constantFrom('en', 'de', 'fr'),
    labels: opt({ next: text, back: text, skip: text, done: text, dismiss: text, retry: text, help: text, close: text, of: text }),
    defaults: opt({ owner, stall, waitFor: duration, onMissing: fc.constantFrom('skip', 'center') }),
    exceptions: opt({ permissions: opt({ owner, nextAction: text, prompt }), invite: opt({ owner, nextAction: text, prompt }), workspace: opt({ owner, nextAction: text, prompt }) }),
  }),
  id: chars('az09-', 1, 16), version: fc.integer({ min: -5, max: 1000 }),
}).map(({ pathIds: allIds, paths, segIds, segs, def, head, id, version }) => {
  const pathIds = allIds.slice(0, paths.length);
  const ref = (n: number) => pathIds[n % pathIds.length];
  const segments = [...segs, def].map((s: Json, i) => ({ id: segIds[i], ...s, path: ref(s.path) }));
  return { ...head, id, version, segments, paths: Object.fromEntries(pathIds.map((p, i) => [p, paths[i]])) };
});

// ---- mutations ---------------------------------------------------------------------------------
type Role = 'flow' | 'labels' | 'defaults' | 'stall' | 'prompt' | 'segment' | 'path' | 'welcome' | 'tour' | 'quickStart' | 'step' | 'task' | 'trigger' | 'exceptions' | 'exception';
const LABELS = ['next', 'back', 'skip', 'done', 'dismiss', 'retry', 'help', 'close', 'of'];
const F = (req: string[], opt: string[], text: string[] = [], dur: string[] = []) => ({ req, opt, text, dur });
const FIELDS: Record<Role, ReturnType<typeof F>> = {
  flow: F(['id', 'version', 'segments', 'paths'], ['$schema', 'locale', 'labels', 'defaults', 'exceptions']),
  labels: F([], LABELS, LABELS),
  defaults: F([], ['owner', 'stall', 'waitFor', 'onMissing'], [], ['waitFor']),
  stall: F([], ['after', 'retryAfter', 'handoffAfter', 'prompt', 'owner', 'nextAction'], ['nextAction'], ['after', 'retryAfter', 'handoffAfter']),
  prompt: F(['title'], ['body', 'target'], ['title', 'body']),
  segment: F(['id', 'provisioning', 'path'], ['owner']),
  path: F(['activation'], ['welcome', 'tour', 'coreTask', 'owner']),
  welcome: F(['title', 'cta'], ['body'], ['title', 'body', 'cta']),
  tour: F(['steps'], ['skippable']),
  quickStart: F(['title', 'tasks'], [], ['title']),
  step: F(['id', 'title'], ['target', 'body', 'placement', 'complete', 'waitFor', 'onMissing', 'spotlight', 'stall', 'owner', 'nextAction'], ['title', 'body', 'nextAction'], ['waitFor']),
  task: F(['id', 'title'], ['body', 'target', 'complete', 'stall', 'owner', 'nextAction'], ['title', 'body', 'nextAction']),
  trigger: F([], []),
  exceptions: F([], ['permissions', 'invite', 'workspace']),
  exception: F([], ['owner', 'nextAction', 'prompt'], ['nextAction']),
};
interface Node { at: Key[]; role: Role; v: Json }

/** Every object of a flow document with its role, in document order. */
export function nodes(doc: Json): Node[] {
  const out: Node[] = [];
  const add = (at: Key[], role: Role, v: Json) => v && typeof v === 'object' && !Array.isArray(v) && out.push({ at, role, v });
  const stall = (at: Key[], v: Json) => (add(at, 'stall', v), add([...at, 'prompt'], 'prompt', v?.prompt));
  const trig = (at: Key[], t: Json): void => {
    add(at, 'trigger', t);
    for (const k of ['any', 'all']) if (Array.isArray(t?.[k])) t[k].forEach((c: Json, i: number) => trig([...at, k, i], c));
  };
  const item = (at: Key[], role: Role, s: Json) => (add(at, role, s), stall([...at, 'stall'], s?.stall), s?.complete && trig([...at, 'complete'], s.complete));
  add([], 'flow', doc);
  add(['labels'], 'labels', doc.labels);
  add(['defaults'], 'defaults', doc.defaults);
  stall(['defaults', 'stall'], doc.defaults?.stall);
  doc.segments.forEach((s: Json, i: number) => add(['segments', i], 'segment', s));
  for (const [pid, p] of Object.entries<Json>(doc.paths)) {
    add(['paths', pid], 'path', p);
    add(['paths', pid, 'welcome'], 'welcome', p.welcome);
    add(['paths', pid, 'tour'], 'tour', p.tour);
    p.tour?.steps.forEach((s: Json, i: number) => item(['paths', pid, 'tour', 'steps', i], 'step', s));
    add(['paths', pid, 'quickStart'], 'quickStart', p.quickStart);
    p.quickStart.tasks.forEach((t: Json, i: number) => item(['paths', pid, 'quickStart', 'tasks', i], 'task', t));
  }
  add(['exceptions'], 'exceptions', doc.exceptions);
  for (const k of ['permissions', 'invite', 'workspace']) {
    add(['exceptions', k], 'exception', doc.exceptions?.[k]);
    add(['exceptions', k, 'prompt'], 'prompt', doc.exceptions?.[k]?.prompt);
  }
  return out;
}

/** "flow.paths.x.tour.steps[0].title", the way errors name a location. */
export const fmt = (at: Key[]) => at.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${k}`), 'flow');
const get = (doc: Json, at: Key[]) => at.reduce((v, k) => v[k], doc);

export const MUTATIONS = ['deleteRequired', 'unknownField', 'wrongType', 'badDuration', 'badPlaceholder', 'unsafeLink', 'brokenReference',
  'duplicateId', 'defaultNotLast', 'badTrigger', 'badEnum', 'badId', 'deleteOptional'] as const;
export type MutationKind = (typeof MUTATIONS)[number];
export interface Mutated { doc: Json; kind: MutationKind; at: Key[]; mustBeInvalid: boolean }
export const mutation = fc.record({ kind: fc.constantFrom(...MUTATIONS), a: fc.nat(), b: fc.nat() });

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];
const BAD = {
  duration: ['2 minutes', '5', '-1s', '1w', '1.m', '', ' 5s', '5S', '1e3ms'],
  placeholder: ['{{user}}', '{{ foo.bar }}', '{{traits.}}', '{{user.name.first}}', '{{constructor}}', '{{}}', '{{user.na me}}', '{{window.__pwned}}'],
  link: ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.test/x', 'file:///etc/passwd', '/\\evil.test'],
  ref: ['no such thing', 'toString', 'constructor', '__proto__', 'hasOwnProperty', ''],
  id: ['', ' x', '-x', 'a b', 'é', 'x/y'],
  field: ['colour', 'titel', 'Title', 'onClick', '__proto__'],
};
const wrongFor = (v: Json, text: boolean): Json[] =>
  text ? [42, true, null, ['a'], { en: 5 }] : typeof v === 'string' ? [42, null, true, {}] : typeof v === 'number' ? ['7', 1.5, null]
    : typeof v === 'boolean' ? ['yes', 0, null] : Array.isArray(v) ? [{}, 'x', null] : ['x', 7, [], null];

/** Applies one mutation to a copy of a valid document: what changed, where, and whether it must be rejected. */
export function mutate(valid: Json, m: { kind: MutationKind; a: number; b: number }): Mutated {
  const doc = structuredClone(valid);
  const all = nodes(doc);
  const of = (pred: (n: Node) => boolean) => all.filter(pred);
  const done = (at: Key[], mustBeInvalid = true): Mutated => ({ doc, kind: m.kind, at, mustBeInvalid });
  const fields = (n: Node, list: 'req' | 'opt' | 'text' | 'dur') => FIELDS[n.role][list].filter((f) => n.v[f] !== undefined);
  const withField = (list: 'req' | 'opt' | 'text' | 'dur') => of((n) => fields(n, list).length > 0);
  const fallback = () => {
    Object.defineProperty(doc, 'colour', { value: 'red', enumerable: true, configurable: true, writable: true });
    return { doc, kind: 'unknownField' as const, at: ['colour'], mustBeInvalid: true };
  };
  switch (m.kind) {
    case 'deleteRequired': case 'deleteOptional': case 'wrongType': case 'badDuration': {
      const list = m.kind === 'deleteRequired' ? 'req' : m.kind === 'deleteOptional' ? 'opt' : m.kind === 'badDuration' ? 'dur' : 'req';
      const cands = m.kind === 'wrongType' ? of((n) => Object.keys(n.v).length > 0 && n.role !== 'trigger') : withField(list);
      if (!cands.length) return fallback();
      const n = pick(cands, m.a);
      const f = m.kind === 'wrongType' ? pick(Object.keys(n.v), m.b) : pick(fields(n, list), m.b);
      if (m.kind === 'deleteRequired' || m.kind === 'deleteOptional') {
        delete n.v[f];
        return done([...n.at, f], m.kind === 'deleteRequired');
      }
      if (m.kind === 'badDuration') return (n.v[f] = pick(BAD.duration, m.a + m.b)), done([...n.at, f]);
      const isText = FIELDS[n.role].text.includes(f);
      const bad = pick(wrongFor(n.v[f], isText), m.a + m.b);
      n.v[f] = bad;
      return done(isText && bad && typeof bad === 'object' && !Array.isArray(bad) ? [...n.at, f, 'en'] : [...n.at, f]);
    }
    case 'badPlaceholder': case 'unsafeLink': {
      const cands = withField('text');
      if (!cands.length) return fallback();
      const n = pick(cands, m.a);
      const f = pick(fields(n, 'text'), m.b);
      const bad = m.kind === 'badPlaceholder' ? pick(BAD.placeholder, m.a + m.b) : `[click](${pick(BAD.link, m.a + m.b)})`;
      if (typeof n.v[f] === 'string') return (n.v[f] += ` ${bad}`), done([...n.at, f]);
      const loc = pick(Object.keys(n.v[f]), m.a);
      return (n.v[f][loc] += ` ${bad}`), done([...n.at, f, loc]);
    }
    case 'unknownField': {
      const n = pick(all, m.a);
      const f = pick(BAD.field, m.b);
      Object.defineProperty(n.v, f, { value: 'x', enumerable: true, configurable: true, writable: true });
      return done([...n.at, f]);
    }
    case 'brokenReference': {
      const refs: Array<[Key[], string]> = [
        ...doc.segments.map((_: Json, i: number): [Key[], string] => [['segments', i], 'path']),
        ...Object.entries<Json>(doc.paths).flatMap(([pid, p]): Array<[Key[], string]> => [[['paths', pid], 'activation'], ...(p.coreTask ? [[['paths', pid], 'coreTask'] as [Key[], string]] : [])]),
      ];
      const [at, f] = pick(refs, m.a);
      get(doc, at)[f] = pick(BAD.ref, m.b);
      return done([...at, f]);
    }
    case 'duplicateId': {
      const segs = doc.segments;
      const items = of((n) => n.role === 'step' || n.role === 'task');
      const groups = [segs.length > 1 ? segs.map((_: Json, i: number) => ['segments', i]) : null,
        ...Object.keys(doc.paths).map((pid) => items.filter((n) => n.at[1] === pid).map((n) => n.at))].filter((g): g is Key[][] => !!g && g.length > 1);
      if (!groups.length) return fallback();
      const g = pick(groups, m.a);
      const k = 1 + (m.b % (g.length - 1));
      get(doc, g[k]).id = get(doc, g[0]).id;
      return done([...g[k], 'id']);
    }
    case 'defaultNotLast': {
      const segs = doc.segments;
      if (segs.length === 1) return (segs[0].match = { role: 'admin' }), done(['segments']);
      if (m.a % 2) return (delete segs[m.b % (segs.length - 1)].match), done(['segments', m.b % (segs.length - 1)]);
      segs.unshift(segs.pop());
      return done(['segments', 0]);
    }
    case 'badTrigger': {
      const cands = of((n) => n.role === 'trigger');
      if (!cands.length) return fallback();
      const n = pick(cands, m.a);
      const t = n.v;
      for (const k of Object.keys(t)) delete t[k];
      const variant = m.b % 5;
      if (variant === 0) return Object.assign(t, { click: '#a', event: 'e' }), done(n.at);
      if (variant === 1) return Object.assign(t, { click: '#a', where: { a: 1 } }), done([...n.at, 'where']);
      if (variant === 2) return Object.assign(t, { url: pick(['reports/*', '*', 'https://x.test/a'], m.a) }), done([...n.at, 'url']);
      if (variant === 3) return Object.assign(t, { [m.a % 2 ? 'any' : 'all']: [] }), done([...n.at, m.a % 2 ? 'any' : 'all']);
      return done(n.at);
    }
    case 'badEnum': {
      const cands = of((n) => n.role === 'segment' || (n.role === 'step' && (n.v.placement || n.v.onMissing)) || (n.role === 'defaults' && n.v.onMissing));
      const n = pick(cands, m.a);
      const f = n.role === 'segment' ? 'provisioning' : n.v.placement && (m.b % 2 || !n.v.onMissing) ? 'placement' : 'onMissing';
      n.v[f] = pick(['sso', 'middle', 'Admin', 'wait', ''], m.b);
      return done([...n.at, f]);
    }
    case 'badId': {
      const cands = of((n) => n.role === 'segment' || n.role === 'step' || n.role === 'task');
      if (m.b % 3 === 0) return (doc.id = pick(['Acme Flow', '', 'a_b', 'ACME'], m.a)), done(['id']);
      const n = pick(cands, m.a);
      n.v.id = pick(BAD.id, m.b);
      return done([...n.at, 'id']);
    }
  }
}
