import { afterEach, describe, expect, it } from 'vitest';
import sample from '../../../../examples/acme/public/onboarding.json';
import { installGlobal } from '../../src/global';

type G = Record<string, (...a: unknown[]) => any> & { ready: Promise<boolean> };
const flow = () => structuredClone(sample) as object;

afterEach(() => {
  (window as unknown as { Guidepost?: G }).Guidepost?.destroy();
  delete (window as unknown as { Guidepost?: G }).Guidepost;
  document.body.innerHTML = '';
});

describe('window.Guidepost', () => {
  it('replays the snippet queue in order, and keeps global listeners across instances', async () => {
    const seen: string[] = [];
    const q: Array<[string, unknown[]]> = [
      ['on', ['welcome_viewed', () => seen.push('welcome')]],
      ['init', [{ flow: flow(), user: { id: 'u1', role: 'member' }, storage: 'memory' }]],
      ['track', ['report_created']],
    ];
    (window as unknown as { Guidepost: object }).Guidepost = { q };
    installGlobal(window, null);
    const G = (window as unknown as { Guidepost: G }).Guidepost;
    expect(await G.ready).toBe(true);
    expect(G.state().completed).toEqual(['create-report']);
    G.init({ flow: flow(), user: { id: 'u2', role: 'member' }, storage: 'memory' });
    await G.ready;
    expect(seen).toEqual(['welcome', 'welcome']);
  });

  it('reports destroyed after destroy, ignores calls, and applies the theme with or without the prefix', async () => {
    installGlobal(window, null);
    const G = (window as unknown as { Guidepost: G }).Guidepost;
    G.init({ flow: flow(), user: { id: 'u1', role: 'member' }, storage: 'memory', theme: { accent: 'rgb(1, 2, 3)', '--gp-radius': '3px' } });
    await G.ready;
    const host = document.querySelector('guidepost-root') as HTMLElement;
    expect([host.style.getPropertyValue('--gp-accent'), host.style.getPropertyValue('--gp-radius')]).toEqual(['rgb(1, 2, 3)', '3px']);
    G.destroy();
    G.track('report_created');
    expect([G.state().status, document.querySelector('guidepost-root')]).toEqual(['destroyed', null]);
  });
});
