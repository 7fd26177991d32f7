// Builds every artefact a user loads:
//   packages/guidepost/dist/guidepost.js  script-tag bundle (minified IIFE, window.Guidepost)
//   packages/guidepost/dist/index.mjs     ES module for npm users (runtime deps external)
//   packages/guidepost/dist/index.d.ts    its type declarations (core's types inlined)
//   packages/guidepost/dist/snippet.js    the async queueing snippet (minified)
//   packages/core/dist/index.mjs          the engine and flow format, for tools
//   packages/cli/dist/cli.mjs             the product teams' CLI (self-contained, for Node)
import { readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';

const pkg = JSON.parse(readFileSync('packages/guidepost/package.json', 'utf8'));
const ts = () => esbuild({ target: 'es2022', jsx: 'automatic', jsxImportSource: 'preact', tsconfig: 'tsconfig.base.json' });
const env = () => replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production'), __VERSION__: pkg.version } });
const min = (extra = {}) => terser({ ecma: 2020, compress: { passes: 5, pure_getters: true, unsafe_arrows: true, hoist_funs: true }, format: { comments: false }, ...extra });
const runtime = ['preact', 'preact/hooks', 'preact/jsx-runtime', '@floating-ui/core', '@floating-ui/dom', 'nanostores', 'zod', 'zod/mini'];
/**
 * The script-tag bundle shares no global state with the page. zod and nanostores keep theirs on
 * globalThis so that copies of them can share it (zod's config and registry, nanostores' epoch):
 * in guidepost.js they would create window properties and read and change a host's own zod
 * config. Each of their modules that names globalThis gets a private object instead.
 */
const ownGlobals = () => ({
  name: 'own-globals',
  transform(code, id) {
    if (!/node_modules[\\/].*[\\/](zod|nanostores)[\\/]/.test(id) || !code.includes('globalThis')) return null;
    return { code: `const __guidepostGlobal = {};\n${code.replace(/\bglobalThis\b/g, '__guidepostGlobal')}`, map: null };
  },
});
const quiet = (w, warn) => ((w.code === 'CIRCULAR_DEPENDENCY' || w.code === 'INVALID_ANNOTATION') && /node_modules/.test(w.message + (w.id ?? '')) ? null : warn(w));

export default [
  {
    input: 'packages/guidepost/src/iife.ts',
    // V8's explicit compile hint (Chromium ≥ 136; other engines ignore it): nearly every function of
    // the bundle runs on the way to the first step, so they are compiled eagerly, off the main thread
    // while the script streams in, instead of lazily, one by one, on the main thread at init
    output: { file: 'packages/guidepost/dist/guidepost.js', format: 'iife', banner: '//# allFunctionsCalledOnLoad', plugins: [min({ toplevel: true, format: { comments: /^# allFunctionsCalledOnLoad$/ } })] },
    plugins: [resolve({ browser: true, extensions: ['.ts', '.tsx', '.mjs', '.js'] }), env(), ownGlobals(), ts()],
    onwarn: quiet,
  },
  {
    input: 'packages/guidepost/src/index.ts',
    output: { file: 'packages/guidepost/dist/index.mjs', format: 'es' },
    external: (id) => runtime.some((r) => id === r || id.startsWith(`${r}/`)),
    plugins: [resolve({ browser: true, extensions: ['.ts', '.tsx', '.mjs', '.js'] }), env(), ts()],
    onwarn: quiet,
  },
  {
    input: 'packages/guidepost/src/index.ts',
    output: { file: 'packages/guidepost/dist/index.d.ts', format: 'es' },
    external: (id) => runtime.some((r) => id === r || id.startsWith(`${r}/`)),
    plugins: [dts({ respectExternal: true, tsconfig: 'tsconfig.base.json' })],
    onwarn: quiet,
  },
  {
    input: 'packages/guidepost/src/snippet.js',
    output: { file: 'packages/guidepost/dist/snippet.js', format: 'es', plugins: [min({ module: false })] },
  },
  {
    input: 'packages/core/src/index.ts',
    output: { file: 'packages/core/dist/index.mjs', format: 'es' },
    external: (id) => runtime.some((r) => id === r || id.startsWith(`${r}/`)),
    plugins: [resolve({ extensions: ['.ts', '.mjs', '.js'] }), ts()],
    onwarn: quiet,
  },
  {
    input: 'packages/cli/src/main.ts',
    output: { file: 'packages/cli/dist/cli.mjs', format: 'es' },
    external: (id) => id.startsWith('node:'),
    plugins: [resolve({ extensions: ['.ts', '.mjs', '.js'], preferBuiltins: true }), env(), ts()],
    onwarn: quiet,
  },
];
