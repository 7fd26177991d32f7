import type { ButtonView, View } from './describeView';
import { Markdown } from './Markdown';
import { LET_TAB } from './letTab';

type Fill = (s: string) => string;

/**
 * A dialog's title, body, status line and buttons. The welcome and the card are never shown
 * together, so they share the ids their dialog is labelled and described by.
 */
const Content = ({ c, fill }: { c: { title: string; body: string; buttons: ButtonView[]; count?: string; status?: string }; fill: Fill }) => (
  <>
    <h2 id="gp-t">{c.title}</h2>
    <Markdown text={c.body} fill={fill} />
    {c.status && <p id="gp-h" class="h">{c.status}</p>}
    <div class="b">
      {c.count && <span class="n">{c.count}</span>}
      {c.buttons.map((b, i) => (
        // (pressed: createUi's `press`, on window)
        <button type="button" {...LET_TAB} data-i={i} class={b.primary ? 'p' : undefined} autofocus={b.primary} disabled={b.disabled}>{b.label}</button>
      ))}
    </div>
  </>
);

/** Everything Guidepost shows, from a View. */
export function App({ v, fill, onCancel }: { v: View; fill: Fill; onCancel: (e: Event) => void }) {
  const q = v.quick;
  const c = v.card;
  return (
    <>
      {c && c.target && c.spotlight && <div key={`s${c.key}`} class={c.spotlight === 'ring' ? 's o' : 's'} aria-hidden="true" />}
      {c && (
        <div key={c.key} class="c" role="dialog" aria-modal="false" aria-labelledby="gp-t" aria-describedby={`${c.body ? 'gp-d' : ''} ${c.status ? 'gp-h' : ''}`.trim() || undefined}
          data-kind={c.kind} data-step={c.step} tabIndex={-1}>
          <Content c={c} fill={fill} />
        </div>
      )}
      {q && (
        <section class="q" role="region" aria-labelledby="gp-q">
          <button type="button" {...LET_TAB} aria-expanded={q.expanded} aria-controls="gp-ql">
            <span id="gp-q">{q.title}</span>
            <span>{q.count}</span>
          </button>
          <ol id="gp-ql" hidden={!q.expanded}>
            {q.tasks.map((t) => (
              <li key={t.id} data-state={t.state} data-task={t.id}>
                {t.title}
                {t.state === 'done' && <span class="x"> ({q.done})</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <div class="x" role="status" aria-live="polite">{v.announce}</div>
      {v.welcome && (
        <dialog key="w" aria-labelledby="gp-t" aria-describedby={v.welcome.body ? 'gp-d' : undefined} onCancel={onCancel}>
          <Content c={v.welcome} fill={fill} />
        </dialog>
      )}
    </>
  );
}
