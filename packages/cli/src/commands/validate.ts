import { parseArgs } from './args';
import { HELP } from './help';
import { readFlowFile } from './readFlow';
import type { ReadFlowResult, ValidationError } from './readFlow';
import { usageError } from './io';
import type { Io } from './io';

/** The failure lines of an invalid flow: one per error, with its JSON path (and line:column for syntax). */
export function formatInvalid(file: string, errors: readonly ValidationError[]): string {
  const n = errors.length;
  const lines = errors.map((e) => (e.line === undefined ? `  ${e.path}: ${e.message}` : `  ${file}:${e.line}:${e.column}: ${e.message}`));
  return `✗ ${file} is not a valid flow (${n} error${n === 1 ? '' : 's'})\n${lines.join('\n')}\n`;
}

/** The `--json` shape of validate: { ok, errors: [{ path, message, line?, column? }] }. */
export function validationJson(result: ReadFlowResult): { ok: boolean; errors: ValidationError[] } {
  return { ok: result.ok, errors: result.errors };
}

/** `guidepost validate <flow.json> [--json]`: 0 valid, 1 invalid or unreadable, 2 usage. */
export async function validateCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { json: 'boolean' });
  if ('error' in args) return usageError(io, 'validate', args.error);
  if (args.flags.help) return io.out(HELP.validate), 0;
  if (args.positional.length !== 1) return usageError(io, 'validate', 'give exactly one flow file');
  const file = args.positional[0];
  const result = readFlowFile(file);
  if (args.flags.json) io.out(`${JSON.stringify(validationJson(result), null, 2)}\n`);
  else if (result.ok) {
    const { flow } = result;
    const paths = Object.keys(flow.paths).length;
    io.out(`✓ ${file} is a valid flow (${flow.id}, version ${flow.version}, ${flow.segments.length} segment${flow.segments.length === 1 ? '' : 's'}, ${paths} path${paths === 1 ? '' : 's'})\n`);
  } else io.out(formatInvalid(file, result.errors));
  return result.ok ? 0 : 1;
}
