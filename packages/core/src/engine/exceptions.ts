import type { ExceptionKey, Flow } from '../flow/types';
import { EXCEPTIONS, exceptionHandedOff } from './exceptionRules';
import type { Emit, OpenException, Progress, RequestHandoff, ExceptionState } from './types';

const KEYS = Object.keys(EXCEPTIONS) as ExceptionKey[];
const EVIDENCE = new Set(Object.values(EXCEPTIONS).flatMap((r) => [...r.open, 'invite_retry_sent', 'human_followup_needed']));

/** What the exception machine needs from the engine around it. */
export interface ExceptionHost {
  flow: Flow;
  /** the live progress (replaced on reset and adoption, so always read through this) */
  progress(): Progress;
  emit: Emit;
  now(): number;
  /** the step the user is on */
  focus(): string | undefined;
  /** access evidence ends any hesitation ladder */
  clearStall(): void;
  handoff: RequestHandoff;
  /** take the user back to exactly where the exception found them */
  routeBack(back: OpenException['back'], basis: string, actor: string): void;
}

/**
 * The access / invite / workspace state sequences of flow-format.md: `signal(kind, detail)` opens,
 * advances or resolves them, with hand-offs for access evidence and a route back on resolution.
 * Exceptions of different kinds can be open at once: each runs and resolves on its own, and the
 * user is routed back only when the last one is resolved.
 */
export function createExceptions(h: ExceptionHost) {
  /** Records the exception's next state. */
  const advance = (x: OpenException, state: ExceptionState, basis: string, actor: string, data?: Data) => {
    h.emit(state, x.back.step, x.state, state, basis, actor, data);
    x.state = state;
  };

  /** Every open exception: the held ones, oldest first, then the current one (if any). */
  const opened = (p: Progress) => [...(p.held ?? []), p.exception];

  /** Opens an exception; one of another kind that is open stays open, held under the new one. */
  function open(key: ExceptionKey, basis: string, actor: string, data?: Data, back?: OpenException['back']): void {
    const p = h.progress();
    const prev = p.exception;
    // the user is routed back to where the first exception found them, once none is left open
    const x: OpenException = { key, state: 'active', since: h.now(), seq: p.seq + 1, back: back ?? prev?.back ?? { status: p.status, step: h.focus(), entered: true } };
    if (prev) (p.held ??= []).push(prev);
    p.exception = x;
    h.clearStall();
    p.status = 'blocked';
    for (const state of EXCEPTIONS[key].open) advance(x, state, basis, actor, data);
    if (exceptionHandedOff(key, x.state)) handoff(x, basis, actor);
  }

  function handoff(x: OpenException, basis: string, actor: string): void {
    const cfg = h.flow.exceptions?.[x.key];
    h.handoff(x.key, x.back.step, x, EVIDENCE, x.state, basis, actor, cfg?.owner, cfg?.nextAction);
  }

  /** Records the exception's resolved state; the last one held becomes current, or, with none left, the user goes back. */
  function resolve(x: OpenException, basis: string, actor: string, data?: Data): void {
    const p = h.progress();
    const invite = x.key === 'invite';
    const resolved = EXCEPTIONS[x.key].resolved;
    h.emit(resolved, x.back.step, invite ? 'pending_invite' : x.state, invite ? 'active_user' : resolved, basis, actor, data);
    const left = opened(p).filter((y) => y !== x);
    p.exception = left.pop();
    p.held = left as OpenException[];
    if (!p.exception) h.routeBack(x.back, basis, actor);
  }

  /** Evidence or a resolution from the host; false when the kind is unknown. */
  function signal(kind: string, detail: unknown): boolean {
    const d = detail as { actor?: unknown; basis?: unknown } | undefined;
    const actor = typeof d?.actor === 'string' ? d.actor : 'system';
    const basis = `signal:${kind}`;
    const data = asData(detail);
    const opens = KEYS.find((k) => (EXCEPTIONS[k].openedBy as string[]).includes(kind));
    const resolves = KEYS.find((k) => EXCEPTIONS[k].resolvedBy === kind);
    // the open exception (current or held) this signal is about: invite for invite_resent
    const x = opened(h.progress()).find((y) => y?.key === (opens ?? resolves ?? 'invite'));
    if (opens) {
      if (!x) open(opens, basis, actor, data);
      // the invite failed again after a resend: a person follows up
      else if (x.state === 'invite_retry_sent') {
        advance(x, 'human_followup_needed', basis, actor, data);
        handoff(x, basis, actor);
      }
    } else if (kind === 'invite_resent') {
      if (x?.state === 'invite_failure_detected') advance(x, 'invite_retry_sent', basis, actor, data);
    } else if (resolves) {
      // invite_accepted: the basis comes from the signal's detail, e.g. 'valid invite token'; recorded even with no invite open
      const b = resolves !== 'invite' ? basis : typeof detail === 'string' ? detail : typeof d?.basis === 'string' ? d.basis : basis;
      if (x) resolve(x, b, actor, data);
      else if (resolves === 'invite') h.emit('invite_accepted', h.focus(), 'pending_invite', 'active_user', b, actor, data);
    } else return false;
    return true;
  }

  return { open, signal };
}

type Data = Record<string, unknown>;

/** A signal's detail as trail data: an object as it is, anything else under "detail". */
function asData(detail: unknown): Data | undefined {
  if (detail === undefined || detail === null) return undefined;
  return typeof detail === 'object' && !Array.isArray(detail) ? { ...(detail as Data) } : { detail };
}
