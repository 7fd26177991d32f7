import type { Account, User } from '@guidepost/core';
import { formatDuration } from '../report/formatValues';
import { parseArgs } from './args';
import { HELP } from './help';
import { usageError } from './io';
import type { Io } from './io';
import { readFlowFile } from './readFlow';
import { simulateFlow } from './simulateFlow';
import type { Simulation, SimulatedStall } from './simulateFlow';
import { formatInvalid } from './validate';

const USER_FIELDS = ['id', 'role', 'name'];

/**
 * A trait's value as an app would send it: `true`, `false` and numbers as JSON reads them, the rest
 * as text (the SDK matches "true" and true alike; the trail and --json show what the app sends).
 */
const traitValue = (v: string): string | number | boolean => (/^(?:true|false|-?(?:0|[1-9]\d*)(?:\.\d+)?)$/.test(v) ? JSON.parse(v) : v);

/** Turns --user/--trait/--account key=value lists into the SDK's user and account. */
export function whoFromFlags(flags: Record<string, unknown>): { user: User; account?: Account } | { error: string } {
  const pairs = (name: string): Array<[string, string]> | string => {
    const out: Array<[string, string]> = [];
    for (const kv of (flags[name] as string[] | undefined) ?? []) {
      const eq = kv.indexOf('=');
      if (eq <= 0) return `--${name} takes key=value, got '${kv}'`;
      out.push([kv.slice(0, eq), kv.slice(eq + 1)]);
    }
    return out;
  };
  const u = pairs('user');
  const t = pairs('trait');
  const a = pairs('account');
  for (const x of [u, t, a]) if (typeof x === 'string') return { error: x };
  const user: User = { id: 'simulated-user' };
  for (const [k, v] of u as Array<[string, string]>) {
    if (!USER_FIELDS.includes(k)) return { error: `--user knows ${USER_FIELDS.join(', ')}; for '${k}' use --trait ${k}=…` };
    (user as unknown as Record<string, string>)[k] = v;
  }
  if ((t as Array<[string, string]>).length) user.traits = Object.fromEntries((t as Array<[string, string]>).map(([k, v]) => [k, traitValue(v)]));
  if (!(a as Array<[string, string]>).length) return { user };
  const account: Account = { id: 'simulated-account' };
  for (const [k, v] of a as Array<[string, string]>) {
    if (k === 'id' || k === 'name') account[k] = v;
    else account.traits = { ...account.traits, [k]: traitValue(v) };
  }
  return { user, account };
}

const at = (ms: number | null) => (ms === null ? null : formatDuration(ms));

function stallLine(s: SimulatedStall): string {
  const levels = [['prompt', s.promptAtMs], ['retry', s.retryAtMs], ['hand-off', s.handoffAtMs]] as const;
  const shown = levels.filter(([, ms]) => ms !== null).map(([name, ms]) => `${name} at ${at(ms)}`);
  const handoff = s.handoffAtMs === null ? ' (no hand-off)' : ` → ${s.owner}${s.nextAction ? `: "${s.nextAction}"` : ''}`;
  return `stall: ${shown.join(', ')} of visible time without progress${handoff}`;
}

/** The simulation as text: segment and why, path, then each step in order. */
export function formatSimulation(sim: Simulation): string {
  const who = [`user ${sim.user.id}`, sim.user.role ? `role ${sim.user.role}` : 'no role',
    ...Object.entries(sim.user.traits ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(sim.account ? [`account ${sim.account.id}`, ...Object.entries(sim.account.traits ?? {}).map(([k, v]) => `account.${k}=${v}`)] : [])];
  const seg = sim.segment;
  const why = seg.basis === 'default' ? 'no earlier segment matched (the default segment)' : `it matched ${seg.basis}`;
  const out = [
    `Flow ${sim.flow.id} v${sim.flow.version} · ${who.join(', ')}`,
    `Segment  ${seg.id} (segments[${seg.index}]): ${why}`,
    `         provisioning ${seg.provisioning} · owner ${seg.owner}`,
    `Path     ${sim.path}`,
  ];
  if (sim.exception) {
    const x = sim.exception;
    out.push('', `Exception first: ${x.basis}. The user does not enter the path; the ${x.key} exception opens`,
      `  (${x.states.join(' → ')}, hand-off to ${x.owner}). After ${x.resolvedBy}, the user enters the path below.`);
  }
  out.push('');
  sim.steps.forEach((s, i) => {
    const tags = [...(s.coreTask ? ['core task'] : []), ...(s.activation ? ['activation'] : [])];
    const name = s.kind === 'welcome' ? 'Welcome' : `${s.kind === 'task' ? 'Task' : 'Tour step'} ${s.id}`;
    out.push(`${String(i + 1).padStart(2)}. ${name} "${s.title}"${tags.length ? ` [${tags.join(', ')}]` : ''}`);
    out.push(`      ${s.target ? `target ${s.target} · ` : s.kind === 'tour step' ? 'no target (centred) · ' : ''}completes on ${s.completes}`);
    if (s.milestones.length) out.push(`      records ${s.milestones.join(', ')}`);
    if (s.stall) out.push(`      ${stallLine(s.stall)}`);
  });
  out.push('', `Exceptions the app may signal: ${sim.exceptions.map((x) => `${x.key} → ${x.owner}`).join(', ')}`);
  return `${out.join('\n')}\n`;
}

/** `guidepost simulate <flow.json> [--user k=v] [--trait k=v] [--account k=v] [--locale xx] [--json]`. */
export async function simulateCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { json: 'boolean', user: 'list', trait: 'list', account: 'list', locale: 'string' });
  if ('error' in args) return usageError(io, 'simulate', args.error);
  if (args.flags.help) return io.out(HELP.simulate), 0;
  if (args.positional.length !== 1) return usageError(io, 'simulate', 'give exactly one flow file');
  const who = whoFromFlags(args.flags);
  if ('error' in who) return usageError(io, 'simulate', who.error);
  const result = readFlowFile(args.positional[0]);
  if (!result.ok) {
    io.out(formatInvalid(args.positional[0], result.errors));
    return 1;
  }
  const sim = simulateFlow(result.flow, who.user, who.account, args.flags.locale as string | undefined);
  io.out(args.flags.json ? `${JSON.stringify(sim, null, 2)}\n` : formatSimulation(sim));
  return 0;
}
