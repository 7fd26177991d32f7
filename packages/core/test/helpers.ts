import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { createEngine, parseFlow, type EngineOptions, type Flow, type TrailEvent } from '../src/index';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The sample flow shipped in the repo (a copy of shared/flows/acme-analytics.json). */
export const acmeJson = (): Record<string, any> => JSON.parse(readFileSync(`${here}/../../../examples/acme/public/onboarding.json`, 'utf8'));

export function acme(): Flow {
  const r = parseFlow(acmeJson());
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.flow;
}

/** An engine on vitest's fake clock, with deterministic ids; returns what it recorded. */
export function run(opts: Partial<EngineOptions> & { flow: Flow }) {
  let n = 0;
  const engine = createEngine({
    user: { id: 'u1', role: 'member', name: 'Max' },
    platform: {
      now: () => Date.now(),
      setTimer: (fn, ms) => { const h = setTimeout(fn, ms); return () => clearTimeout(h); },
      newId: () => `id${++n}`,
    },
    ...opts,
  });
  const events: TrailEvent[] = [];
  engine.listen((e) => events.push(e));
  return { engine, events, types: () => events.map((e) => e.step ? `${e.type}:${e.step}` : e.type) };
}

export const T0 = Date.UTC(2026, 0, 1);
export function fakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T0);
}
