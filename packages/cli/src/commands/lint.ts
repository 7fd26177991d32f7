import { lintFlow } from '../lint/lintFlow';
import type { LintWarning } from '../lint/types';
import { parseArgs } from './args';
import { HELP } from './help';
import { usageError } from './io';
import type { Io } from './io';
import { readFlowFile } from './readFlow';
import { formatInvalid, validationJson } from './validate';

/** The text of a lint run: one line per finding, then a count. */
export function formatLint(file: string, warnings: readonly LintWarning[]): string {
  const count = (sev: LintWarning['severity']) => warnings.filter((w) => w.severity === sev).length;
  const w = count('warning');
  const h = count('hint');
  if (!warnings.length) return `✓ ${file}: no lint warnings\n`;
  const lines = warnings.map((x) => `  ${x.severity === 'hint' ? 'hint' : 'warn'}  ${x.path}: ${x.message} [${x.rule}]`);
  return `${file}: ${w} warning${w === 1 ? '' : 's'}, ${h} hint${h === 1 ? '' : 's'}\n${lines.join('\n')}\n`;
}

/**
 * `guidepost lint <flow.json> [--strict] [--json]`: an invalid flow fails as in validate (exit 1);
 * a valid one exits 0, or 1 under --strict when there is any warning (hints never fail).
 */
export async function lintCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { json: 'boolean', strict: 'boolean' });
  if ('error' in args) return usageError(io, 'lint', args.error);
  if (args.flags.help) return io.out(HELP.lint), 0;
  if (args.positional.length !== 1) return usageError(io, 'lint', 'give exactly one flow file');
  const file = args.positional[0];
  const result = readFlowFile(file);
  if (!result.ok) {
    io.out(args.flags.json ? `${JSON.stringify({ ...validationJson(result), warnings: [] }, null, 2)}\n` : formatInvalid(file, result.errors));
    return 1;
  }
  const warnings = lintFlow(result.flow);
  if (args.flags.json) io.out(`${JSON.stringify({ ok: true, errors: [], warnings }, null, 2)}\n`);
  else io.out(formatLint(file, warnings));
  return args.flags.strict && warnings.some((w) => w.severity === 'warning') ? 1 : 0;
}
