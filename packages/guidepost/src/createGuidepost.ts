import {
  createEngine, emptyState, fillPlaceholders,
  type Account, type Engine, type Flow, type Handoff, type Named, type Progress, type PublicState, type SignalKind, type TrailEvent, type TrailEventType, type User,
} from '@guidepost/core';
import { parseFlowOnce } from './parseFlowOnce';
import { createStorage, type StorageOption } from './platform/createStorage';
import { watchClicks } from './platform/watchClicks';
import { watchElements } from './platform/watchElements';
import { readLocation, watchUrl } from './platform/watchUrl';
import { createOutbox } from './delivery/createOutbox';
import { mergeCursors, sinkKeys, type Cursors } from './delivery/cursors';
import { toJson } from './platform/toJson';
import { listen } from './platform/listen';
import { requestLock } from './platform/requestLock';
import type { SinkOption } from './delivery/sinks';
import { createUi } from './ui/createUi';

export interface GuidepostOptions {
  /** the flow object, or a URL to fetch it from */
  flow: object | string;
  user: User;
  account?: Account;
  /** 'local' (default), 'memory', or an adapter whose methods may return Promises */
  storage?: StorageOption;
  /** { url } to POST event batches to, a function given batches, or a list of both */
  sink?: SinkOption | SinkOption[];
  onEvent?: (event: TrailEvent) => void;
  onHandoff?: (handoff: Handoff) => void;
  locale?: string;
  /** CSS custom properties, with or without the --gp- prefix: { accent: '#0a7' } or { '--gp-accent': '#0a7' } */
  theme?: Record<string, string>;
  debug?: boolean;
  /** user traits the trail may carry (in segment_assigned's data); none by default */
  allowTraits?: string[];
}

export interface Guidepost {
  /** true once the flow runs; false when it cannot. Never rejects. */
  readonly ready: Promise<boolean>;
  track(name: string, props?: Record<string, unknown>): void;
  page(): void;
  /** access, invite and workspace evidence and resolutions (flow-format.md, "Exceptions") */
  signal(kind: Named<SignalKind>, detail?: unknown): void;
  /** subscribes to trail events of one type, or all of them with '*'; returns the unsubscribe */
  on(type: Named<TrailEventType | '*'>, fn: (event: TrailEvent) => void): () => void;
  state(): PublicState;
  trail(): TrailEvent[];
  /** resumes dismissed guidance; after the tour (skipped or finished), shows it again from its first step */
  start(): void;
  dismiss(): void;
  reset(): void;
  destroy(): void;
}

/** `acked`: each sink's cursor (a list by position in records saved before cursors were keyed) */
interface SavedRecord { v: 1; progress: Progress; trail: TrailEvent[]; acked?: Cursors | number[]; /** this write's id (its head lock, see latest) */ w?: string }

/** The most trail events kept in storage (the outbox is the unacknowledged part of the trail). */
export const MAX_STORED_EVENTS = 5000;
const SIGNALS = 'permission_denied, role_mismatch, role_corrected, workspace_blocked, workspace_access_restored, invite_failed, invite_resent, invite_accepted';

/**
 * Creates a Guidepost instance: loads and validates the flow, resumes this user's progress, wires
 * the browser (clicks, routes, elements, visibility, storage, tabs) into the engine, renders the UI
 * and delivers the trail. No method throws into the host page.
 */
export function createGuidepost(options: GuidepostOptions): Guidepost {
  const o: GuidepostOptions = options && typeof options === 'object' ? options : ({} as GuidepostOptions);
  // on a server (a framework's server render) there is no page: load() says so, and nothing throws
  const w = globalThis as unknown as Window;
  const doc = w.document;
  const subs = new Map<string, Set<(e: TrailEvent) => void>>();
  const logged = new Set<string>();
  const cleanups: Array<() => void> = [];
  const queue: Array<(e: Engine) => void> = [];
  const early: Array<Record<string, unknown>> = [];
  const pre: TrailEvent[] = [];
  /** the flow document as given or fetched, for the events before it runs */
  let loaded: unknown = o.flow;
  let engine: Engine | undefined;
  let status = 'loading';
  let reporting = false;
  let save = (_now?: boolean): unknown => undefined;
  let flushPre = () => {};
  /** lets the next tab of this user and flow start (see load) */
  let release = () => {};
  /** read when needed, inside load(): a getter that throws is reported there, not thrown */
  const sinksOf = () => ([] as SinkOption[]).concat(o.sink || []);

  /**
   * Wraps fn so that what it throws is reported, not thrown: only the first time (a callback, the
   * page around us), or each time (`once` false: a bad call). Returns what fn returns.
   */
  const guard = <A extends unknown[], R>(fn: (...a: A) => R, where: string, once?: boolean) => (...a: A): R | undefined => {
    try {
      return fn(...a);
    } catch (e) {
      report(e, where, once);
    }
  };
  const call = <A>(fn: ((a: A) => void) | undefined, arg: A, where: string) => fn && guard(fn, where)(arg);
  /** The host's callbacks get a copy: what they do to it changes neither the trail nor what the sinks receive. */
  function deliver(event: TrailEvent): void {
    if (!o.onEvent && !o.onHandoff && !o.debug && !subs.size) return;
    const e = copy(event);
    if (o.debug) console.debug('[guidepost]', e.type, e);
    call(o.onEvent, e, 'onEvent');
    for (const t of [e.type, '*']) for (const fn of [...(subs.get(t) ?? [])]) call(fn, e, `on(${t})`);
    if (e.type === 'handoff_requested') call(o.onHandoff, e.data as unknown as Handoff, 'onHandoff');
  }
  /** a field of what the host passed, as text; '' when it cannot be read (a getter that throws) */
  const field = (read: () => unknown) => {
    try {
      return String(read() ?? '');
    } catch {
      return '';
    }
  };
  function emitPre(type: string, data: Record<string, unknown>): void {
    const e = {
      id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`, seq: pre.length + 1, at: Date.now(), type,
      flow: typeof o.flow === 'string' ? o.flow : field(() => (o.flow as { id?: unknown })?.id),
      // the version of a document that failed validation, where it has one
      flowVersion: Number(field(() => (Number.isSafeInteger((loaded as Flow)?.version) ? (loaded as Flow).version : 0))),
      user: field(() => o.user?.id), segment: null, path: null, actor: 'system', data,
    } as unknown as TrailEvent;
    pre.push(e);
    deliver(e);
    flushPre();
  }
  /**
   * One `[guidepost]` console line, and an sdk_error / flow_invalid event. A bad call is reported
   * each time it is made; a problem in a callback or the page around us (`once`) only the first
   * time: a host listener that always throws must not flood the trail.
   */
  function report(err: unknown, where: string, once = true, type: 'sdk_error' | 'flow_invalid' = 'sdk_error', extra?: Record<string, unknown>): void {
    const reason = err instanceof Error ? err.message : String(err);
    const line = `[guidepost] ${where}: ${reason}`;
    if (once && logged.has(line)) return;
    logged.add(line);
    console.error(line);
    if (reporting) return;
    reporting = true;
    try {
      const data = { reason, [type === 'flow_invalid' ? 'path' : 'where']: where, ...extra };
      if (engine) engine.record(type, data);
      else if (type === 'sdk_error' && status === 'loading') early.push(data);
      else emitPre(type, data);
    } catch {
      // recording the problem failed too: the console line above is all that can be said, and
      // nothing may reach the host page
    } finally {
      reporting = false;
    }
  }
  const invalid = (reason: string, path: string, extra?: Record<string, unknown>) => {
    status = 'invalid';
    // the sinks hear of it too (a flow broken in production is news to the product team): from
    // memory, as there is no flow id to key storage by, and again for any later sdk_error
    const sent: number[] = [];
    const box = createOutbox({ w, sinks: sinksOf(), key: 'invalid', trail: () => pre, acked: (i) => sent[i] ?? 0, ack: (i, seq) => (sent[i] = seq), onError() {} });
    cleanups.push(box.stop);
    flushPre = box.flush;
    early.splice(0).forEach((d) => emitPre('sdk_error', d));
    report(reason, path, true, 'flow_invalid', extra);
    return false;
  };
  /** Guards an entry point: runs now when the engine is up, queues until then; never throws, and a bad call made early spoils nothing queued after it. */
  const entry = <A extends unknown[]>(name: string, fn: (e: Engine, ...a: A) => void) => (...a: A): void => {
    const run = guard((e: Engine) => fn(e, ...a), name, false);
    if (engine) run(engine);
    else if (status === 'loading') queue.push(run);
  };

  async function load(): Promise<boolean> {
    if (!doc) {
      status = 'invalid';
      report('there is no page here (a server render?): call init in the browser', 'init');
      return false;
    }
    if (typeof o.user?.id !== 'string' || !o.user.id) {
      // not a flow problem: an sdk_error (the flow is never loaded without a user to key it by)
      status = 'invalid';
      report('init needs options.user = { id: string, role?, name?, traits? }', 'init');
      return false;
    }
    let raw: unknown = o.flow;
    if (typeof raw === 'string') {
      let res: Response;
      try {
        // the string itself: fetch resolves it against the document's base URL (<base href>), as
        // the host's own fetch would, and the host's fetch wrappers expect strings (not URL objects)
        res = await w.fetch(raw, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      } catch (e) {
        return invalid(`the flow could not be loaded from ${o.flow} (${(e as Error).message})`, 'flow');
      }
      if (!res.ok) return invalid(`the flow could not be loaded from ${o.flow} (HTTP ${res.status})`, 'flow');
      try {
        raw = await res.json();
      } catch {
        return invalid(`the flow at ${o.flow} is not JSON`, 'flow');
      }
    }
    loaded = raw;
    const parsed = parseFlowOnce(raw, doc);
    if (!parsed.ok) return invalid(parsed.errors[0].message, parsed.errors[0].path, { errors: parsed.errors });
    const flow: Flow = parsed.flow;
    let user = o.user;
    const t = user.traits;
    if (t !== undefined && (!t || typeof t !== 'object' || Array.isArray(t))) {
      report(`user.traits must be an object like { "plan": "pro" }, got ${JSON.stringify(t)}; going on without traits`, 'init', false);
      user = { ...user, traits: undefined };
    }
    const so = o.storage;
    // createStorage uses local storage for any other string
    if (typeof so === 'string' && so !== 'local' && so !== 'memory') report(`storage "${so}" is not 'local', 'memory' or { load, save }; using 'local'`, 'init', false);
    const key = `guidepost:${flow.id}:${user.id}`;
    const storage = createStorage(so, w, (e) => report(e, 'storage (falling back to memory)'));
    const locks = storage.shared ? w.navigator.locks : undefined;
    /**
     * Under load, another tab's write can reach this tab's localStorage tens of ms after the Web
     * Lock it held. So each record is numbered (`w`: one more than the record it follows, and a
     * random part), each tab that writes holds a lock named after its record (`head:<w>`) until
     * its next write, and a tab about to read what storage holds first asks the lock manager (which
     * all tabs share at once) for the highest number, and waits for a record that high to arrive
     * (its storage event), at most a second. So a record in storage is the latest one.
     */
    const HEAD = `guidepost:${key}:head:`;
    /** the `w` of this tab's last write, and the release of its head lock */
    let mark = '';
    let head = () => {};
    const latest = async () => {
      if (!locks) return;
      const top = Math.max(0, ...(await locks.query()).held!.map(({ name: n }) => (n!.startsWith(HEAD) ? rev(n!.slice(HEAD.length)) : 0)));
      const there = () => revOf(field(() => w.localStorage.getItem(key))) >= top;
      if (!there()) await new Promise((r) => {
        const off = listen<StorageEvent>(w, 'storage', (se) => se.key === key && there() && r(off()));
        w.setTimeout(() => r(off()), 1000);
      });
    };
    let saved = await storage.load(key);
    // a new user in two tabs opening at once: one starts and saves before the other loads again
    // (else both would start afresh: two flow_started, a forked trail); released when load() ends
    if (!saved && locks) {
      // true once held (false: taken by another tab, with ifAvailable); a Locks API that refuses only skips the wait
      const take = (o: LockOptions) => new Promise<boolean>((got) => void requestLock(locks, `guidepost:${key}:start`, o,
        (lock) => lock && new Promise<void>((r) => got(!!(release = r)))).then(() => got(false), () => got(true)));
      if (!(await take({ ifAvailable: true })) && (await take({}))) {
        // the tab we waited for saved its start
        await latest().catch(() => {});
        saved = await storage.load(key);
      }
    }
    const rec = read(saved);
    // unreadable progress (not JSON, or not our record): start over rather than break the page, and say so
    if (saved && !rec) report('saved progress is unreadable', 'storage (starting fresh)');
    let leaving = false;
    if (doc.readyState === 'loading') await new Promise((r) => doc.addEventListener('DOMContentLoaded', r, { once: true }));
    if (status !== 'loading') return false;

    const e: Engine = createEngine({
      flow, user, account: o.account, locale: o.locale, progress: rec?.progress, trail: rec?.trail,
      traits: Object.fromEntries((o.allowTraits ?? []).filter((t) => user.traits?.[t] !== undefined).map((t) => [t, user.traits![t]])),
      visible: !locks && doc.visibilityState === 'visible', // with locks: see `visible` below
      platform: {
        now: Date.now,
        location: () => readLocation(w),
        setTimer: (fn, ms) => {
          const h = w.setTimeout(guard(fn, 'timer'), Math.min(ms, 2 ** 31 - 1));
          return () => w.clearTimeout(h);
        },
        newId: typeof crypto?.randomUUID === 'function' ? () => crypto.randomUUID() : undefined,
      },
    });
    const sinks = sinksOf();
    const keys = sinkKeys(sinks);
    const acked: Cursors = {};
    mergeCursors(acked, rec?.acked, keys);
    /** the last seq saved: only saved events are sent (a branch that loses to another tab's never leaves the page) */
    let savedSeq = rec?.trail.at(-1)?.seq ?? 0;
    /** what this tab last wrote: another tab's record is read only when storage holds something else */
    let wrote: string | null | undefined = saved;
    const outbox = createOutbox({
      w, sinks, key, trail: () => e.trail().filter((ev) => ev.seq <= savedSeq), acked: (i) => acked[keys[i]] ?? 0,
      ack: (i, seq, id) => {
        // (unless the trail changed under the request: the batch was a branch that lost to another tab's)
        if (e.trail().find((ev) => ev.seq === seq)?.id !== id) return;
        acked[keys[i]] = Math.max(acked[keys[i]] ?? 0, seq);
        return save();
      },
      // the lock serialises tabs; the cursor another tab just saved is read here, under the lock,
      // once storage holds the latest record, so a batch it acknowledged is not sent again
      sync: async () => {
        if (!storage.shared) return;
        await latest().catch(() => {});
        cursorsOf(read(w.localStorage.getItem(key)));
      },
      // a request cut off because the page is going away is not the sink failing (the beacon sent
      // on pagehide carries what is left): an sdk_error then was stored into the next page's trail
      onError: (err) => leaving || report(err, 'sink (will retry)'),
    });
    /** another tab's cursors, where they acknowledge this trail's events (not those of a branch that lost) */
    const cursorsOf = (r: SavedRecord | undefined, mine = seqIds(e.trail())) => {
      if (!r) return;
      const theirs = seqIds(r.trail);
      mergeCursors(acked, r.acked, keys, (seq) => !theirs.has(seq) || theirs.get(seq) === mine.get(seq));
    };
    let queued = false;
    let overflowed = false;
    /**
     * Another tab's record (its storage event, or what storage holds now): taken when it extends
     * this tab's; when both tabs acted in the same instant, the branch that loses is replayed onto
     * the other (engine's adopt). With Web Locks every write holds one lock, so a record in storage
     * is the truth and a branch not saved yet is the one that loses.
     */
    const merge = (r: SavedRecord | undefined) => {
      if (!r) return;
      const before = e.trail();
      e.adopt(r.progress, r.trail, locks && savedSeq);
      // this tab's branch lost: what its sinks acknowledged past the fork is not in the trail now
      const now = seqIds(e.trail());
      const fork = before.find((ev) => now.has(ev.seq) && now.get(ev.seq) !== ev.id)?.seq;
      if (fork) for (const k of keys) acked[k] = Math.min(acked[k] ?? 0, fork - 1);
      // the record's events are saved: this tab sends them too (the tab that saved them may close first)
      const last = r.trail.at(-1);
      if (last && now.get(last.seq) === last.id) savedSeq = Math.max(savedSeq, last.seq);
      cursorsOf(r, now);
    };
    const write = () => {
      // a destroyed instance writes nothing more (a late acknowledgement would overwrite what a
      // newer instance saved; its batch is sent again and the collector deduplicates it)
      if (status === 'destroyed') return;
      const now = storage.shared ? field(() => w.localStorage.getItem(key)) : wrote;
      if (now !== wrote) merge(read(now));
      let trail = e.trail();
      if (trail.length > MAX_STORED_EVENTS) {
        trail = trail.slice(-MAX_STORED_EVENTS);
        const lost = sinks.length ? trail[0].seq - 1 - Math.min(...keys.map((k) => acked[k] ?? 0)) : 0;
        if (lost > 0 && !overflowed) {
          overflowed = true;
          report(`${lost} undelivered events were dropped: more than ${MAX_STORED_EVENTS} waited for the sink`, 'outbox full');
        }
      }
      // numbered after the record it follows (storage's, or this tab's last)
      const id = `${Math.max(revOf(now), rev(mark)) + 1}.${Math.random().toString(36).slice(2, 8)}`;
      const text = toJson({ v: 1, progress: e.progress(), trail, acked, w: id }); // w last: revOf reads it off the end
      storage.save(key, text);
      wrote = text;
      savedSeq = trail.at(-1)?.seq ?? 0;
      // (not for a write that fell back to memory: no other tab will ever see it)
      return locks && storage.shared && hold(id);
    };
    /** Holds the head lock of the record this tab just wrote (see latest), in place of its last; resolves once held. */
    const hold = (id: string) => new Promise((held) => {
      head();
      mark = id;
      requestLock(locks!, HEAD + id, {}, () => (held(0), mark === id && status !== 'destroyed' && new Promise<void>((r) => (head = r)))).catch(held);
    });
    cleanups.push(() => head());
    /** writes now and no more (the page is hidden or leaving), else holding the tabs' lock where there is one, then sends */
    save = (now?: boolean) => {
      if (now) return write();
      const go = guard(write, 'save');
      if (!locks) return void (go(), outbox.flush());
      return requestLock(locks, `guidepost:${key}:save`, {}, async () => {
        await latest().catch(() => {});
        await go();
      }).catch(go).then(outbox.flush);
    };
    // one save and one flush per burst of events, after the frame that shows them (pagehide and
    // hidden pages save at once, so nothing is lost in between)
    e.listen((ev) => {
      deliver(ev);
      if (!queued) {
        queued = true;
        w.setTimeout(guard(() => {
          queued = false;
          save();
        }, 'save'), 0);
      }
    });

    // the browser, plugged in only while something waits on it
    let offClicks: (() => void) | undefined;
    let offElements: (() => void) | undefined;
    let offUrl: (() => void) | undefined;
    const signal = (kind: 'click' | 'element') => (selector: string) => e.signal({ kind, selector });
    cleanups.push(e.$watch.subscribe((wt) => {
      offClicks?.();
      offElements?.();
      offClicks = wt.clicks.length ? watchClicks(doc, wt.clicks, signal('click'), (err) => report(err, 'click trigger')) : undefined;
      offElements = wt.elements.length ? watchElements(doc, wt.elements, signal('element'), (err) => report(err, 'element trigger')) : undefined;
      if (wt.url) offUrl ??= watchUrl(w, e.location);
      else {
        offUrl?.();
        offUrl = undefined;
      }
    }), () => {
      offClicks?.();
      offElements?.();
      offUrl?.();
    });
    const hidden = () => {
      save(true);
      outbox.beacon();
    };
    // The stall clock runs in one tab: two visible tabs of a user would each climb the ladder (two
    // prompts recorded, two hand-offs). With local storage, the visible tab holding a Web Lock is
    // the one; when it is hidden or closed, the next visible tab takes over (the clock itself is
    // in the shared progress).
    let clock: AbortController | undefined;
    const visible = (v: boolean) => {
      if (!locks) return e.visible(v);
      if (!v) {
        clock?.abort();
        clock = undefined;
        return e.visible(false);
      }
      if (clock) return;
      const ac = (clock = new AbortController());
      requestLock(locks, `guidepost:${key}:clock`, { signal: ac.signal }, () => new Promise<void>((release) => {
        if (ac.signal.aborted) return release();
        e.visible(true);
        ac.signal.addEventListener('abort', () => release());
      })).catch(() => {
        // aborted while waiting (hidden or destroyed first), or the Locks API refused: then this
        // tab runs the clock without it, as where there is no Web Locks
        if (!ac.signal.aborted) e.visible(true);
      });
    };
    if (locks) visible(doc.visibilityState === 'visible');
    cleanups.push(() => clock?.abort());
    cleanups.push(listen(doc, 'visibilitychange', guard(() => {
      const v = doc.visibilityState === 'visible';
      visible(v);
      if (!v) hidden();
    }, 'visibility')), listen(w, 'pagehide', guard(() => {
      leaving = true;
      hidden();
    }, 'pagehide')), listen(w, 'pageshow', () => (leaving = false))); // pageshow: back from the back/forward cache
    // only local storage is shared with other tabs (and a storage listener costs 1–5 ms to add in Chromium)
    if (storage.shared) cleanups.push(listen<StorageEvent>(w, 'storage', guard((se) => {
      if (se.key !== key || !storage.shared) return;
      merge(read(se.newValue));
      outbox.flush();
    }, 'other tab')));
    cleanups.push(outbox.stop, e.stop);

    engine = e;
    status = 'running';
    cleanups.push(createUi({
      doc, engine: e, flow, locale: o.locale, theme: o.theme, canHandoff: typeof o.onHandoff === 'function',
      fill: (s) => fillPlaceholders(s, { user, account: o.account }),
      report,
    }));
    e.start();
    for (const d of early.splice(0)) e.record('sdk_error', d);
    for (const fn of queue.splice(0)) fn(e);
    if (!rec && locks) await save(true); // now (and its head lock held), for a tab waiting on the start lock
    outbox.flush();
    return true;
  }

  const ready = load().catch((err) => {
    report(err, 'init');
    return false;
  }).finally(() => release());

  return {
    ready,
    track: entry('track', (e, name: string, props?: Record<string, unknown>) => {
      if (typeof name !== 'string' || !name) throw Error('track(name, props?) needs an event name');
      e.signal({ kind: 'event', name, props });
    }),
    page: entry('page', (e) => e.location(readLocation(w))),
    signal: entry('signal', (e, kind: string, detail?: unknown) => {
      if (!e.hostSignal(kind, detail)) throw Error(`unknown signal '${kind}'; use one of ${SIGNALS}`);
    }),
    on(type, fn) {
      if (typeof type !== 'string' || typeof fn !== 'function') {
        report('on(type, fn) needs an event type (or "*") and a function', 'on', false);
        return () => {};
      }
      const set = subs.get(type) ?? new Set();
      subs.set(type, set.add(fn));
      return () => void set.delete(fn);
    },
    state: () => (status === 'running' ? structuredClone(engine!.$state.get()) : emptyState(status as PublicState['status'])),
    trail: () => copy(engine ? engine.trail() : pre),
    start: entry('start', (e) => e.resume()),
    dismiss: entry('dismiss', (e) => e.dismiss()),
    reset: entry('reset', (e) => e.reset()),
    destroy: guard(() => {
      if (status === 'destroyed') return;
      save(true); // a no-op until the engine runs
      status = 'destroyed';
      for (const c of cleanups.splice(0).reverse()) c();
      queue.length = 0;
    }, 'destroy'),
  };
}

/** the number of a record's `w` ("12.x7k2q9": 12), 0 without one */
const rev = (w?: string) => parseInt(w!) || 0;
/**
 * The number of a saved record's `w`, read off its text's end (written last, see write) without
 * parsing a trail of up to MAX_STORED_EVENTS events; 0 for a record without one (or none).
 */
const revOf = (text: string | null | undefined) => rev(/"w":"([^"]*)"\}$/.exec(text?.slice(-48) ?? '')?.[1]);
const seqIds = (t: TrailEvent[]) => new Map(t.map((e) => [e.seq, e.id]));

/** A deep copy of trail events (plain JSON data, as stored and sent). */
const copy = <T>(v: T): T => JSON.parse(toJson(v));

function read(text: string | null | undefined): SavedRecord | undefined {
  if (!text) return undefined;
  try {
    const r = JSON.parse(text) as SavedRecord;
    // a trail of events, each at least an object with its seq (a null one broke the start); null,
    // or a trail that is not a list, throws here
    return r.v === 1 && r.trail.every((e) => e?.seq > 0) ? r : undefined;
  } catch {
    return undefined;
  }
}
