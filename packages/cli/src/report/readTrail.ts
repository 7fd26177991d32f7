import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createReport } from './aggregate';
import type { ReportBuilder } from './types';

export interface ReadTrailOptions {
  /** The stream read for the source `-` (default `process.stdin`). */
  stdin?: Readable;
}

/**
 * Streams NDJSON trail files into a report, line by line: `-` reads stdin, a name ending in `.gz`
 * is gunzipped. Blank, non-JSON and invalid lines are counted as skipped. Sources are read one
 * after another; memory stays that of the report (no file is held in memory). Rejects when a
 * source cannot be read, naming it.
 */
export async function readTrail(
  sources: readonly string[],
  report: ReportBuilder = createReport(),
  options: ReadTrailOptions = {},
): Promise<ReportBuilder> {
  for (const source of sources) await readSource(source, report, options);
  return report;
}

function open(source: string, options: ReadTrailOptions): Readable {
  if (source === '-') return options.stdin ?? process.stdin;
  const file = createReadStream(source, { highWaterMark: 1 << 20 });
  if (!source.endsWith('.gz')) return file;
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}

function readSource(source: string, report: ReportBuilder, options: ReadTrailOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = open(source, options);
    const lines = createInterface({ input, crlfDelay: Infinity });
    let first = true;
    // readline re-emits the input's errors on the interface (Node ≥ 16); listen to both, once.
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      reject(new Error(`readTrail: cannot read ${source === '-' ? 'stdin' : `'${source}'`}: ${error.message}`));
      lines.close();
    };
    input.on('error', fail);
    lines.on('error', fail);
    lines.on('line', (line) => {
      if (first) {
        first = false;
        if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      }
      feed(report, line);
    });
    lines.on('close', () => resolve());
  });
}

/** One line: an event for the report, or one skipped line (JSON.parse failing is the signal). */
function feed(report: ReportBuilder, line: string): void {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    report.skip();
    return;
  }
  report.add(value);
}
