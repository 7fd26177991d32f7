import { createFacade } from './facade';

/**
 * The npm module: the same API as the script tag's `window.Guidepost`. `init` creates the page's
 * instance (replacing one created before), and the shortcuts act on it; `Guidepost` (the default
 * export) has them all, `ready` included.
 */
const api = /* @__PURE__ */ createFacade();
export default api;
export const { init, on, state, trail, track, page, signal, start, dismiss, reset, destroy } = api;
export { segmentSink, posthogSink } from './delivery/sinks';
export { memoryStorage } from './platform/createStorage';
export type { GuidepostApi } from './facade';
export type { Guidepost, GuidepostOptions } from './createGuidepost';
export type { SinkFn, SinkOption } from './delivery/sinks';
export type { StorageAdapter, StorageOption } from './platform/createStorage';
export type { TrailEvent, TrailEventType, ExceptionState, SignalKind, Named, Handoff, HandoffLabel, PublicState, User, Account, Flow } from '@guidepost/core';
