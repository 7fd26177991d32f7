import type { Readable } from 'node:stream';

/** Where a command writes; tests pass their own to collect the output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** The stream `report -` reads (default process.stdin). */
  stdin?: Readable;
}

/** A command: argv after its name in, exit code out (0 ok, 1 findings or failure, 2 usage). */
export type Command = (args: string[], io: Io) => Promise<number>;

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** The code for a usage error: the message, then how to get help. */
export function usageError(io: Io, command: string, message: string): number {
  io.err(`guidepost ${command}: ${message}\nRun 'guidepost ${command} --help' for usage.\n`);
  return 2;
}
