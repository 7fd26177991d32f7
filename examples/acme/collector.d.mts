import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CollectorOptions {
  /** Directory for `events.ndjson` (created if missing). */
  dir: string;
  /** Largest request body accepted; larger bodies get 413. Default 1_000_000. */
  maxBodyBytes?: number;
  /** Most events in one POST; more get 413. Default 1000. */
  maxEventsPerBatch?: number;
  /** Token bucket per client IP (capacity and refill per minute); over it gets 429. Default 600. */
  ratePerMinute?: number;
  /** Clock for the rate limiter (tests). Default Date.now. */
  now?: () => number;
}

export interface Collector {
  /** Handles `/collect` (any query); returns false for other routes so the host can answer them. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Stored events, deduplicated by id, in arrival order. */
  events(): Array<Record<string, unknown> & { id: string }>;
  /** Stops accepting requests (503) and drops rate-limit state. */
  close(): void;
}

export function createCollector(options: CollectorOptions): Collector;
