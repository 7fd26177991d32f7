import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFlow } from '@guidepost/core';
import { findJsonSyntaxError } from '../src/commands/jsonSyntaxError';
import { checkFlowText } from '../src/commands/readFlow';
import { validateCommand } from '../src/commands/validate';

const SAMPLE = 'examples/acme/public/onboarding.json';
const sample = () => JSON.parse(readFileSync(SAMPLE, 'utf8')) as Record<string, any>;
const dir = mkdtempSync(join(tmpdir(), 'gp-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (text: string) => {
  const f = join(dir, `flow-${n++}.json`);
  writeFileSync(f, text);
  return f;
};
async function validate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await validateCommand(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('validate', () => {
  it('accepts the sample flow and says what it holds', async () => {
    expect(await validate(SAMPLE)).toEqual({
      code: 0, out: `✓ ${SAMPLE} is a valid flow (acme-analytics, version 1, 3 segments, 2 paths)\n`, err: '',
    });
  });

  it('rejects a selector that does not parse, and accepts one the browser closes at its end', async () => {
    const flow = sample();
    flow.paths['admin-setup'].tour.steps[0].target = 'div >';
    flow.paths['admin-setup'].tour.steps[1].target = '[data-tour=nav-sources';
    const r = await validate('--json', file(JSON.stringify(flow)));
    expect([r.code, JSON.parse(r.out).errors]).toEqual([1, [{ path: 'flow.paths.admin-setup.tour.steps[0].target',
      message: `"div >" is not a valid CSS selector (the combinator '>' has nothing after it); fix it, like "#nav" or "[data-tour=x]"` }]]);
  });

  it('lists every error of core parseFlow with its JSON path, words unchanged', async () => {
    const flow = sample();
    flow.paths['admin-setup'].activation = 'first-dashbord';
    flow.segments[0].provisoning = 'admin';
    flow.paths['member-first-report'].tour.steps[0].complete = { click: '#a', url: '/b' };
    const f = file(JSON.stringify(flow, null, 2));
    const { errors } = parseFlow(flow);
    const r = await validate(f);
    expect(errors.length).toBeGreaterThan(0);
    expect(r).toEqual({
      code: 1, err: '',
      out: `✗ ${f} is not a valid flow (${errors.length} error${errors.length === 1 ? '' : 's'})\n${errors.map((e) => `  ${e.path}: ${e.message}\n`).join('')}`,
    });
    expect(r.out).toContain("flow.segments[0].provisoning: unknown field 'provisoning'; did you mean 'provisioning'?");
  });

  it('reports the checks after the structure: an unknown activation task, with a suggestion', async () => {
    const flow = sample();
    flow.paths['admin-setup'].activation = 'first-dashbord';
    const r = await validate(file(JSON.stringify(flow)), '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      ok: false,
      errors: [{ path: 'flow.paths.admin-setup.activation', message: "no task 'first-dashbord' in this path's quickStart; did you mean 'first-dashboard'?" }],
    });
  });

  it('gives JSON syntax errors a line and column', async () => {
    const cases = [
      ['{\n  "id": "a",\n  "version": 1,\n}', 3, 15, "a trailing comma before '}'; remove it"],
      ['{\n  "id": "a"\n  "version": 1\n}', 3, 3, "',' or '}' was expected, got '\"'"],
      ['{ "id": \'a\' }', 1, 9, "a value was expected, got '''"],
      ['{ "id": "a', 1, 11, 'a string that is never closed'],
      ['{ "a": [1, 2 }', 1, 14, "',' or ']' was expected, got '}'"],
      ['{} x', 1, 4, "unexpected 'x' after the end of the JSON value"],
      ['', 1, 1, 'a value was expected, got the end of the file'],
    ] as const;
    const got = cases.map(([text]) => {
      const r = checkFlowText(text);
      const e = r.errors[0];
      return [text, e.line, e.column, e.message];
    });
    expect(got).toEqual(cases.map(([text, line, column, reason]) => [text, line, column, `the flow is not valid JSON (${reason})`]));
    const f = file('{\n  "id": "a",\n}');
    expect(await validate(f)).toEqual({ code: 1, err: '', out: `✗ ${f} is not a valid flow (1 error)\n  ${f}:2:12: the flow is not valid JSON (a trailing comma before '}'; remove it)\n` });
  });

  it('finds a syntax error exactly when JSON.parse rejects the text', () => {
    const mutated = fc.tuple(fc.jsonValue().map((v) => JSON.stringify(v, null, 1)), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', ' ', '\n', '1'))
      .map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return `${text.slice(0, i)}${insert}${text.slice(i + (insert === ' ' ? 0 : 1))}`;
      });
    fc.assert(fc.property(mutated, (text) => {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(findJsonSyntaxError(text) === null).toBe(parses);
    }), { numRuns: 500 });
  });

  it('fails on a file it cannot read, and on usage errors with exit 2', async () => {
    const missing = join(dir, 'nope.json');
    expect([await validate(missing), await validate(), await validate(SAMPLE, '--strict')]).toEqual([
      { code: 1, err: '', out: `✗ ${missing} is not a valid flow (1 error)\n  flow: cannot read '${missing}': no such file\n` },
      { code: 2, out: '', err: "guidepost validate: give exactly one flow file\nRun 'guidepost validate --help' for usage.\n" },
      { code: 2, out: '', err: "guidepost validate: unknown option '--strict'\nRun 'guidepost validate --help' for usage.\n" },
    ]);
  });
});
