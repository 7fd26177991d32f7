import { writeFileSync } from 'node:fs';
import { createReport, formatHtml, formatText, readTrail } from '../report/index';
import { parseArgs } from './args';
import { HELP } from './help';
import { usageError } from './io';
import type { Io } from './io';

/** "2025-01-06T09:00:00Z" or "1736154000000" as epoch ms (NaN when neither). */
function asTime(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
}

/** `guidepost report <trail.ndjson…> [--json] [--html out.html] [--top N] [--include-resolved] [--now time]`. */
export async function reportCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { json: 'boolean', html: 'string', top: 'string', 'include-resolved': 'boolean', now: 'string' });
  if ('error' in args) return usageError(io, 'report', args.error);
  if (args.flags.help) return io.out(HELP.report), 0;
  if (!args.positional.length) return usageError(io, 'report', 'give at least one trail file (or - for stdin)');
  const top = args.flags.top === undefined ? undefined : Number(args.flags.top);
  if (top !== undefined && !(Number.isInteger(top) && top >= 0)) return usageError(io, 'report', `--top takes a whole number, got '${args.flags.top}'`);
  const now = args.flags.now === undefined ? undefined : asTime(args.flags.now as string);
  if (Number.isNaN(now)) return usageError(io, 'report', `--now takes an ISO date or epoch milliseconds, got '${args.flags.now}'`);
  let report;
  try {
    const builder = await readTrail(args.positional, createReport({ includeResolved: args.flags['include-resolved'] === true }), io.stdin ? { stdin: io.stdin } : {});
    report = builder.result(now);
  } catch (e) {
    io.err(`guidepost report: ${(e as Error).message}\n`);
    return 1;
  }
  if (typeof args.flags.html === 'string') {
    try {
      writeFileSync(args.flags.html, formatHtml(report));
    } catch (e) {
      io.err(`guidepost report: cannot write '${args.flags.html}': ${(e as Error).message}\n`);
      return 1;
    }
  }
  io.out(args.flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatText(report, top === undefined ? {} : { topStalls: top }));
  return 0;
}
