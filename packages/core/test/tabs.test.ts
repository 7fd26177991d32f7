// Two tabs of one user acting in the same instant (quality.md, "Reliability": two tabs of the same
// user keep progress consistent). Each tab's engine records its own event at the same seq; when a
// tab hears of the other's progress, the branch that loses is replayed onto the one that wins.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine, type Engine, type TrailEvent } from '../src/index';
import { acme, fakeClock } from './helpers';

beforeEach(fakeClock);
afterEach(() => vi.useRealTimers());

/** A tab: an engine whose event ids start with its name (`a3`, `b1`), optionally resuming another tab's record. */
function tab(name: string, from?: Engine) {
  let n = 0;
  const engine = createEngine({
    flow: acme(), user: { id: 'u1', role: 'member', name: 'Max' },
    progress: from && JSON.parse(JSON.stringify(from.progress())), trail: from?.trail(),
    platform: {
      now: () => Date.now(),
      setTimer: (fn, ms) => { const h = setTimeout(fn, ms); return () => clearTimeout(h); },
      newId: () => `${name}${++n}`,
    },
  });
  engine.start();
  return engine;
}
const record = (e: Engine) => [JSON.parse(JSON.stringify(e.progress())), e.trail()] as const;
const lastSeq = (e: Engine) => e.trail().at(-1)!.seq;
const names = (t: TrailEvent[]) => t.map((e) => `${e.seq}:${e.type}${e.step ? `:${e.step}` : ''}`);

/** Two tabs showing the Quick Start after the tour was skipped. */
function atTasks() {
  const a = tab('a');
  a.cta();
  a.skip();
  const b = tab('b', a);
  return { a, b, base: lastSeq(a) };
}

describe('two tabs acting in the same instant', () => {
  it('replays the unsaved branch onto the saved one: both completions kept, one gapless trail, the replayed event keeps its id', () => {
    const { a, b, base } = atTasks();
    a.signal({ kind: 'event', name: 'report_created' });
    b.signal({ kind: 'event', name: 'report_shared' });
    const lost = b.trail().filter((e) => e.seq > base);
    expect(names(lost)).toEqual([`${base + 1}:step_completed:share-report`, `${base + 2}:first_value_created:share-report`]);
    // A saved first (under the lock); B, which saved nothing since the fork, hears of it
    b.adopt(...record(a), base);
    expect(b.progress().completed).toEqual(expect.arrayContaining(['create-report', 'share-report']));
    expect(names(b.trail()).slice(base)).toEqual([
      `${base + 1}:step_completed:create-report`, `${base + 2}:core_task_completed:create-report`, `${base + 3}:step_viewed:share-report`,
      `${base + 4}:step_completed:share-report`, `${base + 5}:first_value_created:share-report`,
    ]);
    expect(b.trail().slice(base + 3).map((e) => e.id)).toEqual(lost.map((e) => e.id));
    // A hears of B's record, which now extends its own
    a.adopt(...record(b), lastSeq(a));
    expect(a.trail()).toEqual(b.trail());
    expect(a.$state.get()).toEqual(b.$state.get());
    expect(a.$state.get().status).toBe('done');
  });

  it('keeps a saved branch when an unsaved one forks from it', () => {
    const { a, b, base } = atTasks();
    a.signal({ kind: 'event', name: 'report_created' });
    b.signal({ kind: 'event', name: 'report_shared' });
    const mine = a.trail();
    a.adopt(...record(b), lastSeq(a)); // A saved its branch; B's record (a stale write) does not replace it
    expect(a.trail()).toEqual(mine);
    expect(a.progress().completed).not.toContain('share-report');
    expect(base).toBeGreaterThan(0);
  });

  it('converges without a lock: the lower id at the fork wins in both tabs, and the other replays onto it', () => {
    const { a, b } = atTasks();
    a.signal({ kind: 'event', name: 'report_created' });
    b.signal({ kind: 'event', name: 'report_shared' });
    const [ra, rb] = [record(a), record(b)];
    // both hear of the other's record at once ('a…' < 'b…': A's branch wins)
    a.adopt(...rb);
    b.adopt(...ra);
    a.adopt(...record(b));
    expect(a.trail()).toEqual(b.trail());
    expect(a.progress().completed).toEqual(expect.arrayContaining(['create-report', 'share-report']));
    expect(new Set(a.trail().map((e) => e.id)).size).toBe(a.trail().length);
    expect(a.trail().map((e) => e.seq)).toEqual(a.trail().map((_, i) => i + 1));
  });

  it('replays a move relative to where the user was only if they are still there: Next in both tabs moves on once', () => {
    const a = tab('a');
    a.cta();
    const b = tab('b', a);
    const base = lastSeq(a);
    expect(a.$state.get().step).toBe('open-reports');
    a.next();
    b.next();
    b.adopt(...record(a), base);
    a.adopt(...record(b), lastSeq(a));
    expect(names(b.trail()).slice(base)).toEqual([`${base + 1}:step_completed:open-reports`, `${base + 2}:step_viewed:new-report`]);
    expect([a.$state.get().step, b.$state.get().step]).toEqual(['new-report', 'new-report']);
  });

  it('replays the same signal in both tabs as one completion', () => {
    const { a, b, base } = atTasks();
    a.signal({ kind: 'event', name: 'report_created' });
    b.signal({ kind: 'event', name: 'report_created' });
    b.adopt(...record(a), base);
    expect(names(b.trail()).slice(base)).toEqual([`${base + 1}:step_completed:create-report`, `${base + 2}:core_task_completed:create-report`, `${base + 3}:step_viewed:share-report`]);
    expect(b.trail()).toEqual(a.trail());
  });

  it('forgets moves older than 10 s: a fork found later takes the other branch as it is', () => {
    const { a, b, base } = atTasks();
    a.signal({ kind: 'event', name: 'report_created' });
    b.signal({ kind: 'event', name: 'report_shared' });
    vi.advanceTimersByTime(11_000);
    b.dismiss(); // a later move prunes the old ones
    b.adopt(...record(a), base);
    expect(b.progress().completed).not.toContain('share-report');
    expect(b.trail()).toEqual(a.trail());
  });
});
