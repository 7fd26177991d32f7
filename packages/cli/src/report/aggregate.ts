import { applyEvent } from './applyEvent';
import { createIdSet } from './idSet';
import { parseEvent } from './parseEvent';
import { summarize } from './summarize';
import type { ReportBuilder, ReportOptions } from './types';
import type { UserState } from './userState';
import { createUserState } from './userState';

/**
 * A streaming report: feed events one at a time with `add`, read the report with `result`.
 *
 * Memory: one compact `UserState` per (flow, user) — milestone bits and times, time to value,
 * segment, engagement gaps, and the few events that make up stall/exception episodes (stalls,
 * exception states, hand-offs, step completions; see episodes.ts) — plus the seen-id set
 * (16–32 bytes per distinct event id, see idSet.ts). No other event is kept. Order within a user
 * comes from `seq`, so events may arrive in any order, from several files; a repeated `id` is
 * counted once (at-least-once delivery).
 */
export function createReport(options: ReportOptions = {}): ReportBuilder {
  const seen = createIdSet();
  const users = new Map<string, UserState>();
  let events = 0;
  let duplicates = 0;
  let skippedLines = 0;

  return {
    add(value) {
      const event = parseEvent(value);
      if (event === null) {
        skippedLines++;
        return;
      }
      if (!seen.addIfNew(event.id)) {
        duplicates++;
        return;
      }
      events++;
      const id = `${event.flow}\u0000${event.user}`;
      let state = users.get(id);
      if (state === undefined) {
        state = createUserState(event);
        users.set(id, state);
      }
      applyEvent(state, event);
    },
    skip(count = 1) {
      skippedLines += count;
    },
    result(now = Date.now()) {
      return summarize({
        users: users.values(), events, duplicates, skippedLines, now,
        includeResolved: options.includeResolved === true,
      });
    },
  };
}
