// Writes the flow JSON Schema (from the built CLI, so from core's zod schema) to
// packages/guidepost/dist/flow.schema.json (published as guidepost/schema.json) and
// docs/flow.schema.json. Run after `rollup -c` (part of `pnpm build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flowJsonSchema } from '../packages/cli/dist/cli.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const text = `${JSON.stringify(flowJsonSchema(), null, 2)}\n`;
for (const file of ['packages/guidepost/dist/flow.schema.json', 'docs/flow.schema.json']) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
  console.log(`wrote ${file}`);
}
