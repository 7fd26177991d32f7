import { describe, expect, it, vi } from 'vitest';
import * as core from '@guidepost/core';
import { parseFlowOnce } from '../../src/parseFlowOnce';
import sample from '../../../../examples/acme/public/onboarding.json';

vi.mock('@guidepost/core', async (load) => {
  const actual = await load<typeof core>();
  return { ...actual, parseFlow: vi.fn(actual.parseFlow) };
});

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe('parseFlowOnce', () => {
  it('validates a flow once per page, and hands each caller its own copy', () => {
    const spy = vi.mocked(core.parseFlow);
    spy.mockClear();
    const flow = copy(sample);
    const a = parseFlowOnce(flow, document);
    const b = parseFlowOnce(copy(sample), document);
    expect([a.ok, b.ok, spy.mock.calls.length]).toEqual([true, true, 1]);
    expect(b.flow).toEqual(a.flow);
    (a.flow as { id: string }).id = 'changed';
    expect(parseFlowOnce(flow, document).flow?.id).toBe(sample.id);
  });

  it('validates again a flow changed in place, and never remembers an invalid one', () => {
    const spy = vi.mocked(core.parseFlow);
    const flow = copy(sample) as Record<string, unknown>;
    expect(parseFlowOnce(flow, document).ok).toBe(true);
    spy.mockClear();
    flow.version = 'two';
    const bad = [parseFlowOnce(flow, document), parseFlowOnce(flow, document)];
    expect(bad.map((r) => [r.ok, r.errors[0]?.path])).toEqual([[false, 'flow.version'], [false, 'flow.version']]);
    expect(spy.mock.calls.length).toBe(2);
  });

  it('leaves documents JSON cannot copy to parseFlow', () => {
    const flow = copy(sample) as Record<string, unknown>;
    flow.version = BigInt(1);
    const cyclic = copy(sample) as Record<string, unknown>;
    cyclic.labels = { next: cyclic };
    const r = [parseFlowOnce(flow, document), parseFlowOnce(cyclic, document)];
    expect(r.map((x) => [x.ok, x.errors[0]?.path])).toEqual([[false, 'flow.version'], [false, 'flow.labels.next']]);
  });
});
