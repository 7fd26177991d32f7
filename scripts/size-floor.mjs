#!/usr/bin/env node
// What guidepost.js would weigh with none of Guidepost's own code: its dependencies, only the parts
// it imports (scripts/size-floor/entry.mjs), built and minified as guidepost.js is. The difference
// to guidepost.js is Guidepost's own code.
// Usage: node scripts/size-floor.mjs   (after pnpm build)
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import config from '../rollup.config.mjs';
import { measure } from './size.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const iife = config[0];
// the dependencies are guidepost's (pnpm puts them in its package's node_modules, not the root's)
const deps = resolve({ browser: true, extensions: ['.ts', '.mjs', '.js'], modulePaths: [`${root}packages/guidepost/node_modules`] });
const bundle = await rollup({ input: 'scripts/size-floor/entry.mjs', plugins: [deps, ...iife.plugins.filter((p) => p.name !== 'node-resolve')], onwarn: () => {} });
const { output } = await bundle.generate(iife.output);
const ids = Object.keys(output[0].modules).join(' ');
for (const dep of ['preact', '@floating-ui/core', 'nanostores']) if (!ids.includes(`/${dep}/`)) throw new Error(`${dep} did not resolve: run pnpm install first`);
const KB = 1024;
const floor = gzipSync(output[0].code, { level: 9 }).length;
const full = measure()[0].gzip;
const fmt = (n) => `${(n / KB).toFixed(1)} KB`;
console.log(`dependencies alone (preact, floating-ui, nanostores): ${fmt(floor)} gz`);
console.log(`guidepost.js: ${fmt(full)} gz, so Guidepost's own code adds ${fmt(full - floor)} gz`);
