export { createGuidepost as init } from './createGuidepost';
export { segmentSink, posthogSink } from './delivery/sinks';
export { memoryStorage } from './platform/createStorage';
export type { Guidepost, GuidepostOptions } from './createGuidepost';
export type { SinkFn, SinkOption } from './delivery/sinks';
export type { StorageAdapter, StorageOption } from './platform/createStorage';
export type { TrailEvent, Handoff, HandoffLabel, PublicState, User, Account, Flow } from '@guidepost/core';
