// @vitest-environment node
// A framework's server render imports the module and may call init there: nothing throws.
import { expect, it, vi } from 'vitest';
import * as npm from '../../src/index';

it('imports and inits on a server without throwing: ready false, one [guidepost] line, an sdk_error', async () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  expect(typeof document).toBe('undefined');
  const gp = npm.init({ flow: { id: 'x' } as never, user: { id: 'u1' } });
  npm.track('anything');
  expect(await gp.ready).toBe(false);
  expect([gp.state().status, gp.trail().map((e) => e.type), error.mock.calls.map((c) => String(c[0]).startsWith('[guidepost] init: there is no page here'))])
    .toEqual(['invalid', ['sdk_error'], [true]]);
  npm.destroy();
});
