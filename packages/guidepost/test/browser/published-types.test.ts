// Not a browser test, but like them it checks what users get from the build: the ES module's type
// declarations (dist/index.d.ts, core's types inlined) compile in a strict consumer project.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('published types', () => {
  it('type-check a strict consumer of dist/index.d.ts, including an expected error', () => {
    const r = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}packages/guidepost/test/fixtures/consumer/tsconfig.json`], { encoding: 'utf8' });
    expect([r.status, r.stdout + r.stderr]).toEqual([0, '']);
  });
});
