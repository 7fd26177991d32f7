import { describe, expect, it } from 'vitest';
import { createReport, formatHtml, formatText } from '../src/report/index';
import type { Report } from '../src/report/index';

const AT = Date.UTC(2025, 0, 6, 9);
const XSS = '<script>alert("x")</script>';

/** One user stalled at a step whose id and owner carry markup and quotes. */
function hostileReport(): Report {
  const report = createReport();
  const base = { flow: 'acme', flowVersion: 1, user: 'u1', account: 'a&b', segment: 'everyone', path: 'self-serve', actor: 'u1' };
  const events = [
    { ...base, id: 'e1', seq: 1, at: AT, type: 'flow_started' },
    { ...base, id: 'e2', seq: 2, at: AT + 1000, type: 'segment_assigned', data: { provisioning: 'self-service' } },
    { ...base, id: 'e3', seq: 3, at: AT + 2000, type: 'first_value_created', step: 'other', data: { timeToValueMs: 2000 } },
    { ...base, id: 'e4', seq: 4, at: AT + 60_000, type: 'stall_detected', step: XSS },
    { ...base, id: 'e5', seq: 5, at: AT + 70_000, type: 'handoff_requested', step: XSS,
      data: { label: 'hesitation', owner: "O'Brien & <b>Co</b>", nextAction: 'Call\u001b[31m them', since: AT + 60_000 } },
  ];
  for (const e of events) report.add(e);
  return report.result(AT + 3_600_000);
}

describe('report formats', () => {
  it('escapes every data string in the HTML and loads nothing from outside', () => {
    const html = formatHtml(hostileReport());
    const found = [
      html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'),
      html.includes('O&#39;Brien &amp; &lt;b&gt;Co&lt;/b&gt;'),
      html.includes('a&amp;b'),
      /<script|<b>|\b(src|href)=|url\(|@import/i.test(html),
    ];
    expect(found).toEqual([true, true, true, false]);
  });

  it('prints the funnel, time to value and who acts next as text, without control characters', () => {
    expect(formatText(hostileReport()).split('\n')).toEqual([
      'Guidepost onboarding report — 2025-01-06 10:00 UTC',
      '5 events from flow acme (0 duplicates ignored, 0 unreadable lines skipped)',
      '',
      'Segment everyone (self-service): 1 users',
      '  Milestone                Users  From previous',
      '  ───────────────────────  ─────  ─────────────',
      '  Flow started                 1        100.0 %',
      '  Welcome viewed               0          0.0 %',
      '  First action started         0          0.0 %',
      '  Tour completed               0          0.0 %',
      '  Core task completed          0          0.0 %',
      '  First value (activated)      1        100.0 %',
      '  Tour skipped: 0 · Dismissed: 0 · Activation: 100.0 %',
      '  Time to value (1 activated): median 2 s, p75 2 s, within 15 min 100.0 %',
      '',
      'Where users stall',
      '  Path        Step                         Stalls  Hand-offs  Labels',
      '  ──────────  ───────────────────────────  ──────  ─────────  ────────────',
      `  self-serve  ${XSS}       1          1  hesitation 1`,
      '',
      'Who acts next: 1 stalled user, oldest first',
      '  Since       User  Account  Segment   Path › step                               Label       Owner                Next action',
      '  ──────────  ────  ───────  ────────  ────────────────────────────────────────  ──────────  ───────────────────  ──────────────',
      `  59 min ago  u1    a&b      everyone  self-serve › ${XSS}  hesitation  O'Brien & <b>Co</b>  Call\ufffd[31m them`,
      '',
    ]);
  });
});
