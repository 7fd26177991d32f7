import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { measure, table } from '../../../../scripts/size.mjs';

interface Row { file: string; gzip: number; budget: number }

describe('size budget', () => {
  const rows = measure() as Row[];
  it.each(rows.map((r) => [r.file, r] as const))('%s stays within its gzip budget', (_, r) => {
    expect(r.gzip).toBeLessThanOrEqual(r.budget);
  });
  it('README shows the figures the script measures', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(table(rows));
  });
});

describe('guidepost.js', () => {
  it('starts with V8\'s compile hint, so Chromium compiles it while it streams in (scripts/bench: first step and script evaluation)', () => {
    const js = readFileSync(new URL('../../dist/guidepost.js', import.meta.url), 'utf8');
    expect(js.split('\n', 1)[0]).toBe('//# allFunctionsCalledOnLoad');
  });
});
