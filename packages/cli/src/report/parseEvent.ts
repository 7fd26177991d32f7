import type { TrailEvent } from './types';

/**
 * The boundary check of one input record: a trail event needs string `id`, `type`, `flow`, `user`
 * and a finite `at`; the optional fields the report reads must have their documented types (null
 * counts as absent). Returns the fields the report uses, or null for anything else.
 */
export function parseEvent(value: unknown): TrailEvent | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!isText(v.id) || !isText(v.type) || !isText(v.flow) || !isText(v.user)) return null;
  if (typeof v.at !== 'number' || !Number.isFinite(v.at)) return null;
  const seq = v.seq ?? undefined;
  if (seq !== undefined && typeof seq !== 'number') return null;
  const data = v.data ?? undefined;
  if (data !== undefined && (typeof data !== 'object' || Array.isArray(data))) return null;
  const account = optionalString(v.account);
  const segment = optionalString(v.segment);
  const path = optionalString(v.path);
  const step = optionalString(v.step);
  if (account === false || segment === false || path === false || step === false) return null;
  return {
    id: v.id, seq, at: v.at, type: v.type, flow: v.flow, user: v.user,
    account, segment, path, step, data: data as Record<string, unknown> | undefined,
  };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** The string, undefined when absent or null, false when of another type. */
function optionalString(value: unknown): string | undefined | false {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : false;
}
