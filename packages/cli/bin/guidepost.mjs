#!/usr/bin/env node
// The `guidepost` command: the bundled CLI (built by `pnpm build` into ../dist/cli.mjs).
import { run } from '../dist/cli.mjs';

process.exitCode = await run(process.argv.slice(2));
