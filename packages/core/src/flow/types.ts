import type { FLOW_SHAPE, Infer } from './flowShape';

/** A validated flow (types inferred from the format's shape, so they cannot drift). */
export type Flow = Infer<typeof FLOW_SHAPE>;
export type FlowPath = Flow['paths'][string];
export type Segment = Flow['segments'][number];
export type TourStep = NonNullable<FlowPath['tour']>['steps'][number];
export type Task = NonNullable<FlowPath['quickStart']>['tasks'][number];
export type StallSettings = NonNullable<TourStep['stall']>;
export type Prompt = NonNullable<StallSettings['prompt']>;
export type ExceptionKey = 'permissions' | 'invite' | 'workspace';
export type ExceptionSettings = NonNullable<NonNullable<Flow['exceptions']>[ExceptionKey]>;

/** A trigger: exactly one of event/click/url/element/any/all (checked by checkFlow). */
export interface Trigger {
  event?: string;
  where?: Record<string, string | number | boolean>;
  click?: string;
  url?: string;
  element?: string;
  any?: Trigger[];
  all?: Trigger[];
}

/** A step of a path: a tour step or a Quick Start task (they share step_* events). */
export type AnyStep = (TourStep | Task) & { complete?: Trigger };
