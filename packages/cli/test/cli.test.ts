import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../src/commands/report';
import { createReport, formatText } from '../src/report/index';
import { run } from '../src/main';

const SAMPLE = 'examples/acme/public/onboarding.json';
const BIN = 'packages/cli/bin/guidepost.mjs';
const dir = mkdtempSync(join(tmpdir(), 'gp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the built CLI (`pnpm build` or `rollup -c` first) as a user would. */
function spawn(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
async function call(fn: (argv: string[], io: any) => Promise<number>, argv: string[], stdin?: Readable) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await fn(argv, { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), ...(stdin && { stdin }) });
  return { code, out: out.join(''), err: err.join('') };
}

// A small trail: two users of one segment, one activated after 5 minutes, one stalled and handed off.
const T0 = Date.UTC(2025, 0, 6, 9);
const ev = (user: string, seq: number, type: string, extra: Record<string, unknown> = {}) =>
  ({ id: `${user}-${seq}`, seq, at: T0 + seq * 60_000, type, flow: 'acme-analytics', flowVersion: 1, user, account: 'acme', segment: 'team-admin', path: 'admin-setup', actor: 'system', ...extra });
const TRAIL = [
  ev('u1', 1, 'flow_started'), ev('u1', 2, 'segment_assigned', { data: { provisioning: 'admin' } }), ev('u1', 3, 'welcome_viewed'),
  ev('u1', 4, 'first_action_started'), ev('u1', 5, 'first_value_created', { step: 'first-dashboard', data: { timeToValueMs: 300_000 } }),
  ev('u2', 1, 'flow_started'), ev('u2', 2, 'segment_assigned', { data: { provisioning: 'admin' } }),
  ev('u2', 3, 'stall_detected', { step: 'import-data' }),
  ev('u2', 4, 'handoff_requested', { step: 'import-data', data: { label: 'hesitation', owner: 'support', nextAction: 'Call them' } }),
];
const ndjson = `${TRAIL.map((e) => JSON.stringify(e)).join('\n')}\nnot json\n`;
const trailFile = join(dir, 'trail.ndjson');
writeFileSync(trailFile, ndjson);
const expected = () => {
  const b = createReport();
  for (const e of TRAIL) b.add(e);
  b.skip();
  return b;
};

describe('guidepost (built CLI, spawned)', () => {
  it('exits 0 for a valid flow, 1 for an invalid one, 2 for an unknown command', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "id": "Bad Id", "version": 1, "segments": [], "paths": {} }');
    const runs = [spawn('validate', SAMPLE), spawn('validate', bad), spawn('frobnicate')];
    expect(runs.map((r) => r.code)).toEqual([0, 1, 2]);
    expect(runs[0].out).toBe(`✓ ${SAMPLE} is a valid flow (acme-analytics, version 1, 3 segments, 2 paths)\n`);
    expect(runs[1].out).toContain('flow.id: "Bad Id" is not a valid flow id');
    expect(runs[2].err.split('\n').slice(0, 3)).toEqual(["guidepost: unknown command 'frobnicate'", '', 'Usage: guidepost <command> [options]']);
  });

  it('exits 1 under lint --strict only when there are warnings, and prints the schema', () => {
    const warned = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    warned.paths['admin-setup'].quickStart.tasks[2].complete = undefined;
    const f = join(dir, 'warned.json');
    writeFileSync(f, JSON.stringify(warned));
    expect([spawn('lint', SAMPLE, '--strict').code, spawn('lint', f).code, spawn('lint', f, '--strict').code]).toEqual([0, 0, 1]);
    const schema = spawn('schema');
    expect([schema.code, JSON.parse(schema.out).title]).toEqual([0, 'Guidepost flow']);
  });

  it('writes an HTML report next to the text one', () => {
    const html = join(dir, 'report.html');
    const r = spawn('report', trailFile, '--html', html);
    expect([r.code, r.err, existsSync(html), readFileSync(html, 'utf8').startsWith('<!doctype html>')]).toEqual([0, '', true, true]);
    expect(r.out).toContain('Who acts next: 1 stalled user, oldest first');
  });
});

describe('run', () => {
  it('prints help overall and per command, and usage on no command', async () => {
    const io = () => {
      const seen: Array<[string, string]> = [];
      return { seen, io: { out: (t: string) => void seen.push(['out', t.split('\n')[0]]), err: (t: string) => void seen.push(['err', t.split('\n')[0]]) } };
    };
    const outs = [];
    for (const argv of [['--help'], ['help', 'lint'], ['validate', '--help'], ['simulate', '-h'], ['report', '--help'], ['schema', '--help'], []]) {
      const { seen, io: sink } = io();
      outs.push([await run(argv, sink), ...seen.flat()]);
    }
    expect(outs).toEqual([
      [0, 'out', 'Usage: guidepost <command> [options]'],
      [0, 'out', 'Usage: guidepost lint <flow.json> [--strict] [--json]'],
      [0, 'out', 'Usage: guidepost validate <flow.json> [--json]'],
      [0, 'out', 'Usage: guidepost simulate <flow.json> [--user key=value]… [--trait key=value]… [--account key=value]… [--locale xx] [--json]'],
      [0, 'out', 'Usage: guidepost report <trail.ndjson…> [--json] [--html out.html] [--top N] [--include-resolved] [--now time]'],
      [0, 'out', 'Usage: guidepost schema'],
      [2, 'err', 'Usage: guidepost <command> [options]'],
    ]);
  });
});

describe('report command', () => {
  it('prints the report module\'s text, and --json its Report, from files', async () => {
    const now = '2025-02-03T09:00:00Z';
    const text = await call(reportCommand, [trailFile, '--now', now]);
    const json = await call(reportCommand, [trailFile, '--json', '--now', String(Date.parse(now))]);
    const report = JSON.parse(json.out);
    expect([text.code, json.code, report.generatedAt, report.events, report.skippedLines, report.stalled.map((s: any) => [s.user, s.step, s.owner])]).toEqual([
      0, 0, Date.parse(now), 9, 1, [['u2', 'import-data', 'support']],
    ]);
    expect(text.out).toBe(formatText(expected().result(report.generatedAt)));
  });

  it('reads stdin for -, and fails with exit 1 on a missing file or 2 on a bad flag', async () => {
    const piped = await call(reportCommand, ['-', '--json'], Readable.from([ndjson]));
    const missing = await call(reportCommand, [join(dir, 'nope.ndjson')]);
    const top = await call(reportCommand, [trailFile, '--top', 'lots']);
    expect([piped.code, JSON.parse(piped.out).events, missing.code, missing.err.startsWith('guidepost report: readTrail: cannot read'), top.code, top.err.split('\n')[0]]).toEqual([
      0, 9, 1, true, 2, "guidepost report: --top takes a whole number, got 'lots'",
    ]);
  });
});
