import { createGuidepost, type Guidepost, type GuidepostOptions } from './createGuidepost';
import { emptyState, type Named, type PublicState, type SignalKind, type TrailEvent, type TrailEventType } from '@guidepost/core';

/** type, listener, and its unsubscribe from each instance it was attached to */
type Listener = [string, (e: TrailEvent) => void, Array<() => void>];

/** `Guidepost`: `init` and the shortcuts that act on the instance it created. */
export interface GuidepostApi {
  /** Creates the page's instance; one created before is destroyed first (one UI, one trail per page). */
  init(options: GuidepostOptions): Guidepost;
  /** The current instance's `ready` (false before `init`). */
  readonly ready: Promise<boolean>;
  /** Subscribes on the current instance and on every later one; returns the unsubscribe. */
  on(type: Named<TrailEventType | '*'>, fn: (event: TrailEvent) => void): () => void;
  state(): PublicState;
  trail(): TrailEvent[];
  track(name: string, props?: Record<string, unknown>): void;
  page(): void;
  signal(kind: Named<SignalKind>, detail?: unknown): void;
  start(): void;
  dismiss(): void;
  reset(): void;
  destroy(): void;
}

/**
 * The page's one instance and the shortcuts that act on it, as `window.Guidepost` has them and the
 * npm module exports them: `init` replaces the current instance (a second init, a module run again
 * by hot reloading, an effect without cleanup: one UI and one trail); calls made before `init` wait
 * for it, in order; `on` listeners stay through each new instance.
 */
export function createFacade(): GuidepostApi {
  let current: Guidepost | undefined;
  const waiting: Array<[keyof Guidepost, unknown[]]> = [];
  const listeners: Listener[] = [];
  const attach = (l: Listener) => current && l[2].push(current.on(l[0], l[1]));
  const forward = (name: keyof Guidepost) => (...a: unknown[]) => {
    if (current) return (current[name] as (...x: unknown[]) => unknown)(...a);
    waiting.push([name, a]);
  };
  return {
    init(options) {
      current?.destroy();
      current = createGuidepost(options);
      listeners.forEach(attach);
      for (const [name, a] of waiting.splice(0)) (current[name] as (...x: unknown[]) => unknown)(...a);
      return current;
    },
    on(type, fn) {
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
  };
}
