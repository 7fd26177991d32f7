import type { ButtonView, CardView, View } from './describeView';
import { Markdown } from './Markdown';

type Fill = (s: string) => string;

const Buttons = ({ list, count }: { list: ButtonView[]; count?: string }) => (
  <div class="b">
    {count && <span class="n">{count}</span>}
    {list.map((b) => (
      <button type="button" class={b.primary ? 'p' : undefined} autofocus={b.primary} disabled={b.disabled} onClick={b.on}>{b.label}</button>
    ))}
  </div>
);

function Card({ c, fill }: { c: CardView; fill: Fill }) {
  return (
    <div key={c.key} class="c" role="dialog" aria-modal="false" aria-labelledby="gp-t" aria-describedby={c.body ? 'gp-d' : undefined}
      data-kind={c.kind} data-step={c.step} tabIndex={-1}>
      <h2 id="gp-t">{c.title}</h2>
      <Markdown text={c.body} fill={fill} id="gp-d" />
      <Buttons list={c.buttons} count={c.count} />
    </div>
  );
}

/** Everything Guidepost shows, from a View. */
export function App({ v, fill, toggle, onCancel }: { v: View; fill: Fill; toggle: () => void; onCancel: (e: Event) => void }) {
  const q = v.quick;
  const c = v.card;
  return (
    <>
      {c && c.target && c.spotlight && <div key={`s${c.key}`} class={c.spotlight === 'ring' ? 's o' : 's'} aria-hidden="true" />}
      {c && <Card c={c} fill={fill} />}
      {q && (
        <section class="q" role="region" aria-labelledby="gp-q">
          <button type="button" aria-expanded={q.expanded} aria-controls="gp-ql" onClick={toggle}>
            <span id="gp-q">{q.title}</span>
            <span>{q.count}</span>
          </button>
          <ol id="gp-ql" hidden={!q.expanded}>
            {q.tasks.map((t) => (
              <li key={t.id} data-state={t.state} data-task={t.id}>
                {t.title}
                {t.state === 'done' && <span class="x"> (done)</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
      <div class="x" role="status" aria-live="polite">{v.announce}</div>
      {v.welcome && (
        <dialog key="w" aria-labelledby="gp-wt" aria-describedby={v.welcome.body ? 'gp-wd' : undefined} onCancel={onCancel}>
          <h2 id="gp-wt">{v.welcome.title}</h2>
          <Markdown text={v.welcome.body} fill={fill} id="gp-wd" />
          <Buttons list={v.welcome.buttons} />
        </dialog>
      )}
    </>
  );
}
