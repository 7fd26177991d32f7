import { describe, expect, it } from 'vitest';
import { replayEpisodes, toRecord } from '../src/report/episodes';
import type { TrailEvent } from '../src/report/types';

const ev = (seq: number, type: string, data?: Record<string, unknown>) =>
  ({ id: `e${seq}`, seq, at: 1000 * seq, type, flow: 'f', flowVersion: 1, user: 'u', segment: 's', path: 'p', step: 's2', actor: 'system', data }) as unknown as TrailEvent;
type Entry = string | readonly [string, Record<string, unknown>];
const episodes = (types: readonly Entry[]) =>
  replayEpisodes(types.map((t, i) => toRecord(typeof t === 'string' ? ev(i + 1, t) : ev(i + 1, t[0], t[1]), i + 1)).filter((r) => r !== null))
    .map((e) => `${e.exception}:${e.open ? 'open' : 'resolved'}`);

describe('episodes of overlapping exceptions (the SDK keeps both open)', () => {
  const opened: Entry[] = ['role_mismatch_detected', 'permissions_review_open', ['handoff_requested', { label: 'permissions', step: 's2', path: 'p' }],
    'workspace_blocked_detected', 'access_validation_open', ['handoff_requested', { label: 'workspace', step: 's2', path: 'p' }]];

  it('are two episodes at the same step, each ended by its own resolution, in either order', () => {
    expect([
      episodes([...opened, 'workspace_access_restored']),
      episodes([...opened, 'workspace_access_restored', 'role_corrected_confirmed']),
      episodes([...opened, 'role_corrected_confirmed']),
    ]).toEqual([
      ['permissions:open', 'workspace:resolved'],
      ['permissions:resolved', 'workspace:resolved'],
      ['permissions:resolved', 'workspace:open'],
    ]);
  });

  it('still turns a stall at that step into the exception that follows it (one episode)', () => {
    expect(episodes(['stall_detected', 'recovery_prompt_shown', 'role_mismatch_detected', 'permissions_review_open'])).toEqual(['permissions:open']);
  });
});
