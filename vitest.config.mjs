import { defineConfig } from 'vitest/config';

// One run, three kinds of test:
// - core: pure engine, node environment (proves the core needs no DOM globals);
// - dom: SDK pieces against happy-dom;
// - browser: real Chromium (playwright-core) against the built bundle, in node.
const oxc = { jsx: { runtime: 'automatic', importSource: 'preact' } };
export default defineConfig({
  oxc,
  test: {
    projects: [
      { oxc, test: { name: 'core', environment: 'node', include: ['packages/core/test/**/*.test.ts', 'packages/cli/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'] } },
      { oxc, test: { name: 'dom', environment: 'happy-dom', include: ['packages/guidepost/test/unit/**/*.test.{ts,tsx}'] } },
      {
        oxc,
        test: {
          name: 'browser', environment: 'node', include: ['packages/guidepost/test/browser/**/*.test.ts'],
          testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false,
        },
      },
    ],
  },
});
