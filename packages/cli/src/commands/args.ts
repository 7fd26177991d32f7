/** How a flag takes its value: a switch, one value, or a value that may repeat. */
export type FlagKind = 'boolean' | 'string' | 'list';

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, boolean | string | string[]>;
}

/**
 * A hand-written argv parser (the CLI has no dependencies): `--flag`, `--flag value`,
 * `--flag=value`, `-h` for `--help`, and `--` to end the flags. `-` alone is a positional
 * (stdin). Returns the parsed arguments, or the words of a usage error.
 */
export function parseArgs(argv: readonly string[], spec: Record<string, FlagKind>): ParsedArgs | { error: string } {
  const out: ParsedArgs = { positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      out.flags.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') return { error: `unknown option '${arg}'` };
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = name === 'help' ? 'boolean' : spec[name];
    if (!kind) return { error: `unknown option '--${name}'` };
    if (kind === 'boolean') {
      if (eq >= 0) return { error: `option '--${name}' takes no value` };
      out.flags[name] = true;
      continue;
    }
    let value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (eq < 0) {
      if (value === undefined || (value.startsWith('--') && value.length > 2)) value = undefined;
      else i++;
    }
    if (value === undefined) return { error: `option '--${name}' needs a value` };
    if (kind === 'string') out.flags[name] = value;
    else out.flags[name] = [...((out.flags[name] as string[] | undefined) ?? []), value];
  }
  return out;
}
