import { invalidPlaceholders } from '../text/placeholders';
import { markdownLinks, isSafeUrl } from '../text/parseMarkdown';
import * as msg from './flowMessages';
import type { FlowError } from './flowMessages';
import type { Flow, Trigger } from './types';

/**
 * Says what is wrong with a CSS selector, or nothing when it parses. The browser's own parser in
 * the SDK, a syntax check in the CLI (core has no CSS parser of its own).
 */
export type SelectorCheck = (selector: string) => string | null | undefined;

/**
 * The rules that need the whole document: references, uniqueness, triggers, texts, and (with a
 * selector check) the selectors: one that does not parse would find nothing on any page.
 */
export function checkFlow(flow: Flow, selector?: SelectorCheck): FlowError[] {
  const errors: FlowError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const css = (s: string | undefined, at: string) => {
    const why = s === undefined || !selector ? null : selector(s);
    if (why !== null && why !== undefined) err(at, msg.selector(s as string, why));
  };
  const prompted = (o: { prompt?: { target?: string } } | undefined, at: string) => css(o?.prompt?.target, `${at}.prompt.target`);
  const pathIds = Object.keys(flow.paths);

  // segments: exactly one default, last; unique ids; known paths
  const seen = new Set<string>();
  const last = flow.segments.length - 1;
  flow.segments.forEach((s, i) => {
    const at = `flow.segments[${i}]`;
    if (seen.has(s.id)) err(`${at}.id`, msg.duplicate('segment', s.id));
    seen.add(s.id);
    if (!s.match && i !== last) err(at, msg.defaultNotLast);
    else if (s.match && !Object.keys(s.match).length) err(`${at}.match`, msg.emptyMatch);
    if (!Object.hasOwn(flow.paths, s.path)) err(`${at}.path`, msg.noPath(s.path, pathIds));
  });
  if (flow.segments.every((s) => s.match)) err(`flow.segments`, msg.noDefault);

  for (const [pid, p] of Object.entries(flow.paths)) {
    const at = `flow.paths.${pid}`;
    const ids = new Set<string>();
    const tasks = p.quickStart?.tasks ?? [];
    for (const [list, where] of [[p.tour?.steps ?? [], 'tour.steps'], [tasks, 'quickStart.tasks']] as const) {
      list.forEach((s, i) => {
        const item = `${at}.${where}[${i}]`;
        if (ids.has(s.id)) err(`${item}.id`, msg.duplicate('step', s.id));
        ids.add(s.id);
        css(s.target, `${item}.target`);
        prompted(s.stall, `${item}.stall`);
        if (s.complete) checkTrigger(s.complete, `${item}.complete`, err, css);
      });
    }
    const taskIds = tasks.map((t) => t.id);
    if (!taskIds.includes(p.activation)) err(`${at}.activation`, msg.noTask(p.activation, taskIds));
    if (p.coreTask !== undefined && !taskIds.includes(p.coreTask)) err(`${at}.coreTask`, msg.noTask(p.coreTask, taskIds));
  }

  prompted(flow.defaults?.stall, 'flow.defaults.stall');
  for (const [key, x] of Object.entries(flow.exceptions ?? {})) prompted(x, `flow.exceptions.${key}`);

  walkStrings(flow, 'flow', (s, where) => {
    for (const p of invalidPlaceholders(s)) err(where, msg.placeholder(p));
    for (const url of markdownLinks(s)) if (!isSafeUrl(url)) err(where, msg.unsafeLink(url));
  });
  return errors;
}

type Err = (path: string, message: string) => void;
function checkTrigger(t: Trigger, at: string, err: Err, css: (s: string | undefined, at: string) => void): void {
  const kinds = (['event', 'click', 'url', 'element', 'any', 'all'] as const).filter((k) => t[k] !== undefined);
  if (kinds.length !== 1) return err(at, msg.triggerKinds);
  if (t.where && !t.event) err(`${at}.where`, msg.whereWithoutEvent);
  css(t.click, `${at}.click`);
  css(t.element, `${at}.element`);
  (t.any ?? t.all)?.forEach((c, i) => checkTrigger(c, `${at}.${kinds[0]}[${i}]`, err, css));
}

function walkStrings(v: unknown, at: string, fn: (s: string, at: string) => void): void {
  if (typeof v === 'string') fn(v, at);
  else if (Array.isArray(v)) v.forEach((x, i) => walkStrings(x, `${at}[${i}]`, fn));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walkStrings(x, `${at}.${k}`, fn);
}
