import { Hono } from 'hono';
import type { Gateway } from '../gateway-types.ts';
import { DomainError } from '../errors.ts';
import { TRACE_SCHEMES } from '../trace/codes.ts';
import { checkTraceCode, type TraceCheck, type TraceStore } from '../trace/service.ts';
import { refusal } from './i18n.ts';
import { type PageContext, Layout, Notice, pageContext, render } from './layout.tsx';
import { pageHeaders } from './security.ts';
import { Status, When } from './ui.tsx';

/**
 * The public trace check page (issue 23): a field to type or paste a code, and what the filed orders say
 * of it, as GET /public/trace/{scheme}/{code} does. Under the public routes' per-address limit.
 */
export function tracePage(gw: Gateway) {
  const app = new Hono();
  app.use('/trace', pageHeaders());
  app.get('/trace', (c) => {
    const p = pageContext(c);
    const scheme = c.req.query('scheme') ?? 'drug';
    // A pasted code often carries spaces or a line break: they are never part of one.
    const code = (c.req.query('code') ?? '').replace(/\s+/g, '');
    let result: TraceCheck | null = null;
    let problem: string | null = null;
    if (code) {
      try {
        result = checkTraceCode(gw, scheme, code);
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'invalid_trace_code') throw err;
        problem = refusal(p.lang, err);
      }
    }
    return render(
      c,
      <Layout p={p} title={p.t('traceCheck')}>
        <p>{p.t('traceIntro')}</p>
        <form method="get" action="/trace" class="stack" role="search">
          <div class="field">
            <label for="f-scheme">{p.t('traceCheckScheme')}</label>
            <select id="f-scheme" name="scheme">
              {TRACE_SCHEMES.map((s) => (
                <option value={s} selected={s === scheme}>
                  {p.t(`traceScheme_${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div class={problem ? 'field invalid' : 'field'}>
            <label for="f-code">{p.t('traceCheckCode')}</label>
            <span class="hint">{p.t('traceCheckHint')}</span>
            <input
              id="f-code"
              name="code"
              value={code}
              maxlength={200}
              autocomplete="off"
              inputmode="text"
              aria-invalid={problem ? 'true' : undefined}
            />
            {problem ? (
              <span class="error" role="alert">
                {problem}
              </span>
            ) : null}
          </div>
          <div>
            <button type="submit">{p.t('traceSubmit')}</button>
          </div>
        </form>
        {result ? <TraceAnswer p={p} r={result} /> : null}
      </Layout>,
      problem ? 400 : 200,
    );
  });
  return app;
}

const complaintLink = (r: TraceCheck) =>
  `/complaints/new?trace_scheme=${encodeURIComponent(r.scheme)}&trace_code=${encodeURIComponent(r.code)}`;

const StoreLine = ({ p, s }: { p: PageContext; s: TraceStore }) => (
  <>
    <span data-raw>{s.store_name ?? s.seller_id}</span> ·{' '}
    <span data-raw>{s.platform_name || s.platform}</span>
    {s.store_url ? (
      <>
        {' '}
        · <span data-raw>{s.store_url}</span>
      </>
    ) : null}{' '}
    ·{' '}
    {s.verification ? (
      <>
        <Status lang={p.lang} value={s.verification.verdict} /> (
        <When lang={p.lang} iso={s.verification.finished_at} date />)
      </>
    ) : (
      <span class="muted">{p.t('traceNotVerified')}</span>
    )}
    {s.credit_page ? (
      <>
        {' '}
        · <a href={new URL(s.credit_page).pathname}>{p.t('traceCredit')}</a>
      </>
    ) : null}
  </>
);

const TraceAnswer = ({ p, r }: { p: PageContext; r: TraceCheck }) => (
  <section data-testid="trace-result" data-result={r.result}>
    <h2>{p.t(`trace_${r.result}`)}</h2>
    {r.recall ? (
      <Notice
        kind="error"
        text={
          <>
            <strong>{p.t('traceRecalled')}</strong> <span data-raw>{r.recall.reason}</span> (
            <span data-raw>{r.recall.legal_basis}</span>,{' '}
            <When lang={p.lang} iso={r.recall.recalled_at} date />)
          </>
        }
      />
    ) : null}
    {r.sale ? (
      <dl class="facts">
        <dt>{p.t('traceStore')}</dt>
        <dd>
          <StoreLine p={p} s={r.sale} />
        </dd>
        <dt>{p.t('traceMonth')}</dt>
        <dd>{r.sale.month}</dd>
        <dt>{p.t('traceCategory')}</dt>
        <dd data-raw>{r.sale.category ?? '—'}</dd>
      </dl>
    ) : null}
    {r.sales ? (
      <>
        <dl class="facts">
          <dt>{p.t('traceTimes')}</dt>
          <dd data-testid="trace-count">{r.sales.count}</dd>
          <dt>{p.t('traceFirstLast')}</dt>
          <dd>
            {r.sales.first_month} – {r.sales.last_month}
          </dd>
        </dl>
        <ul>
          {r.sales.stores.map((s) => (
            <li>
              <StoreLine p={p} s={s} /> · {s.sales}
            </li>
          ))}
        </ul>
      </>
    ) : null}
    {r.returned_and_resold > 0 ? <p class="muted">{p.t('traceReturned')}</p> : null}
    <p>{p.t(`traceMeaning_${r.result}`)}</p>
    {r.result !== 'not_found' || r.recall ? (
      <p>
        <a href={complaintLink(r)}>{p.t('traceComplain')}</a>
      </p>
    ) : null}
  </section>
);
