import type { CollectorOptions } from './collector.mjs';

export interface DemoServerOptions {
  /** Port to listen on; 0 picks a free one; a busy port falls back to the next few, then any. Default 5173. */
  port?: number;
  /** Interface to bind. Default '127.0.0.1'. */
  host?: string;
  /** Repository root; bundles are served from root/packages/guidepost/dist. Default: resolved from this file. */
  root?: string;
  /** Static app directory. Default examples/acme/public. */
  publicDir?: string;
  /** Collector storage directory. Default examples/acme/data. */
  dataDir?: string;
  /** Flow file served at /onboarding.json. Default publicDir/onboarding.json. */
  flow?: string;
  /** Collector limits (maxBodyBytes, maxEventsPerBatch, ratePerMinute). */
  collector?: Omit<CollectorOptions, 'dir'>;
}

export interface DemoServer {
  /** `http://localhost:PORT/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startServer(options?: DemoServerOptions): Promise<DemoServer>;
