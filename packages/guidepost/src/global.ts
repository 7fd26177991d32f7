import type { GuidepostOptions } from './createGuidepost';
import { posthogSink, segmentSink } from './delivery/sinks';
import { createFacade } from './facade';

/** A queued call; the snippet marks an `on` unsubscribed while queued (x), the replay keeps its real unsubscribe (off) */
type Call = [string, unknown[]] & { x?: 1; off?: unknown };

/**
 * The script-tag build's `window.Guidepost`: the global shortcuts act on the instance created by
 * `init` (or by the script tag's data attributes); calls made before it exists wait for it
 * (facade.ts). Replays the async snippet's queue in order, then replaces the stub.
 */
export function installGlobal(w: Window & { Guidepost?: unknown }, script: HTMLScriptElement | null): void {
  const stub = w.Guidepost as { q?: Call[]; r?: (ready: Promise<boolean> | boolean) => void; version?: string } | undefined;
  // loaded twice (the snippet and a script tag, two tags, a tag manager): the copy already running
  // keeps the page, its UI and the global, so there is one of each
  if (stub?.version) return void console.warn('[guidepost] guidepost.js was loaded twice; the second copy does nothing');
  const api = Object.assign(createFacade(), { version: '__VERSION__', segmentSink, posthogSink });

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
  stub?.r?.(api.ready);
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
