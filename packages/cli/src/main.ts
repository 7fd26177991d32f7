import { lintCommand } from './commands/lint';
import { reportCommand } from './commands/report';
import { schemaCommand } from './commands/schema';
import { simulateCommand } from './commands/simulate';
import { validateCommand } from './commands/validate';
import { HELP } from './commands/help';
import { processIo } from './commands/io';
import type { Command, Io } from './commands/io';

export { flowJsonSchema } from './commands/schema';
export { lintFlow } from './lint/lintFlow';
export { simulateFlow } from './commands/simulateFlow';
export type { Io } from './commands/io';
export type { LintWarning } from './lint/types';
export type { Simulation } from './commands/simulateFlow';

const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  lint: lintCommand,
  schema: schemaCommand,
  simulate: simulateCommand,
  report: reportCommand,
};

/**
 * The `guidepost` CLI: runs one command and resolves with its exit code (0 ok, 1 findings or
 * unreadable input, 2 usage). Never calls process.exit, so tests and scripts can call it.
 */
export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0] && rest[0] in COMMANDS ? rest[0] as keyof typeof HELP : 'main';
    (name === undefined ? io.err : io.out)(HELP[topic]);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') return io.out(`${VERSION}\n`), 0;
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`guidepost: unknown command '${name}'\n\n${HELP.main}`);
    return 2;
  }
  return command([...rest], io);
}

// the build replaces the marker with the package version; unbundled (tests) it stays as is
const MARKER = '__VERSION__';
const VERSION = MARKER.startsWith('__') ? '0.0.0-dev' : MARKER;
