import { createGuidepost, type Guidepost, type GuidepostOptions } from './createGuidepost';
import { posthogSink, segmentSink } from './delivery/sinks';
import { emptyState, type TrailEvent } from '@guidepost/core';

/** type, listener, and its unsubscribe from each instance it was attached to */
type Listener = [string, (e: TrailEvent) => void, Array<() => void>];
/** A queued call; the snippet marks an `on` unsubscribed while queued (x), the replay keeps its real unsubscribe (off) */
type Call = [string, unknown[]] & { x?: 1; off?: unknown };

/**
 * The script-tag build's `window.Guidepost`: the global shortcuts act on the instance created by
 * `init` (or by the script tag's data attributes); calls made before it exists wait for it.
 * Replays the async snippet's queue in order, then replaces the stub.
 */
export function installGlobal(w: Window & { Guidepost?: unknown }, script: HTMLScriptElement | null): void {
  let current: Guidepost | undefined;
  const waiting: Call[] = [];
  const listeners: Listener[] = [];
  const attach = (l: Listener) => current && l[2].push(current.on(l[0], l[1]));
  const forward = (name: keyof Guidepost) => (...a: unknown[]) => {
    if (current) return (current[name] as (...x: unknown[]) => unknown)(...a);
    waiting.push([name, a]);
  };
  const api = {
    version: '__VERSION__',
    init(options: GuidepostOptions): Guidepost {
      current?.destroy();
      current = createGuidepost(options);
      listeners.forEach(attach);
      for (const [name, a] of waiting.splice(0)) (current[name as keyof Guidepost] as (...x: unknown[]) => unknown)(...a);
      return current;
    },
    on(type: string, fn: (e: TrailEvent) => void): () => void {
      const l: Listener = [type, fn, []];
      listeners.push(l);
      attach(l);
      return () => {
        listeners.splice(listeners.indexOf(l) >>> 0, 1);
        l[2].forEach((off) => off());
      };
    },
    get ready() {
      return current?.ready ?? Promise.resolve(false);
    },
    state: () => current?.state() ?? emptyState(),
    trail: () => current?.trail() ?? [],
    track: forward('track'),
    page: forward('page'),
    signal: forward('signal'),
    start: forward('start'),
    dismiss: forward('dismiss'),
    reset: forward('reset'),
    // the destroyed instance stays current: state() says 'destroyed', calls are ignored until init
    destroy: () => current?.destroy(),
    segmentSink,
    posthogSink,
  };

  const stub = w.Guidepost as { q?: Call[]; r?: (ready: Promise<boolean> | boolean) => void } | undefined;
  w.Guidepost = api;
  const d = script?.dataset;
  if (d?.flow) {
    let traits;
    try {
      traits = d.userTraits ? JSON.parse(d.userTraits) : undefined;
    } catch {
      traits = d.userTraits; // not JSON: init reports it, as for any traits that are not an object
    }
    api.init({
      flow: d.flow,
      user: { id: d.userId || anonymousId(w), role: d.userRole, name: d.userName, traits },
      account: d.accountId ? { id: d.accountId, name: d.accountName } : undefined,
      locale: d.locale,
      sink: d.sink ? { url: d.sink } : undefined,
      storage: d.storage as GuidepostOptions['storage'], // an unknown value is reported by init
      debug: d.debug !== undefined,
    });
  }
  // the snippet's queue, in order: an `on` unsubscribed before now is skipped, a later one gets its real unsubscribe
  for (const c of stub?.q ?? []) {
    const fn = (api as unknown as Record<string, unknown>)[c[0]];
    if (typeof fn === 'function' && !c.x) c.off = fn(...c[1]);
  }
  stub?.r?.(current ? current.ready : false);
}

function anonymousId(w: Window): string {
  const key = 'guidepost:anonymous-id';
  const fresh = `anon-${Math.random().toString(36).slice(2, 12)}`;
  try {
    const id = w.localStorage.getItem(key) ?? fresh;
    w.localStorage.setItem(key, id);
    return id;
  } catch {
    return fresh; // no storage: this page view only
  }
}
