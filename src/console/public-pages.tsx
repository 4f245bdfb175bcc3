import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { Gateway } from '../gateway-types.ts';
import { DomainError } from '../errors.ts';
import { type PublicSubjectView, publicSearchHit } from '../credit/views.ts';
import { findSubjects, SEARCH_LIMIT } from '../credit/search.ts';
import { LANG_COOKIE } from './i18n.ts';
import { DataTable, Pager, pageOffset, Status, SubjectHits, When } from './ui.tsx';
import { type PageContext, Field, Layout, Notice, pageContext, render } from './layout.tsx';
import {
  ExplanationTable,
  Licences,
  ListEntries,
  PenaltiesTable,
  SubjectMarks,
  SubjectStores,
} from './subject-tables.tsx';
import { localPath, pageHeaders, sameOriginRequest } from './security.ts';
import { complaintPages } from './complaint-pages.tsx';
import { tracePage } from './trace-page.tsx';

const ULID = /^[0-9A-Z]{26}$/;

/**
 * The public pages: credit lookup, a subject's credit page, lodging and tracking complaints. Every one is
 * under the per-address limit of the public routes (mounted in http/app.ts).
 */
export function publicPages(gw: Gateway) {
  const app = new Hono();
  for (const path of ['/', '/credit/*', '/complaints/*', '/lang']) app.use(path, pageHeaders());

  app.get('/lang', (c) => {
    const to = c.req.query('to') === 'en' ? 'en' : 'zh';
    setCookie(c, LANG_COOKIE, to, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400 });
    return c.redirect(localPath(c.req.query('back')), 303);
  });

  app.get('/', (c) => {
    const p = pageContext(c);
    const q = c.req.query('q');
    const tooShort = q !== undefined && (q.trim().length < 2 || q.length > 200);
    const now = new Date();
    const offset = pageOffset(c.req.query('offset'));
    const found = q !== undefined && !tooShort ? findSubjects(gw, q, { limit: SEARCH_LIMIT, offset }) : null;
    return render(
      c,
      <Layout p={p} title={p.t('creditLookup')}>
        <form method="get" action="/" class="stack" role="search">
          <div class={tooShort ? 'field invalid' : 'field'}>
            <label for="f-q">{p.t('query')}</label>
            <span class="hint">{p.t('searchHint')}</span>
            <input
              id="f-q"
              name="q"
              value={q ?? ''}
              maxlength={200}
              aria-invalid={tooShort ? 'true' : undefined}
            />
            {tooShort ? (
              <span class="error" role="alert">
                {p.t('tooShort')}
              </span>
            ) : null}
          </div>
          <div>
            <button type="submit">{p.t('search')}</button>
          </div>
        </form>
        <form method="get" action="/credit/mark" class="inline">
          <Field label={p.t('markLookup')} name="mark" hint={p.t('markHint')}>
            <input id="f-mark" name="id" maxlength={64} placeholder={p.t('markId')} />
          </Field>
          <button type="submit" class="secondary">
            {p.t('verifyMark')}
          </button>
        </form>
        {found ? (
          <section>
            <h2>{p.t('results')}</h2>
            <SubjectHits
              lang={p.lang}
              t={p.t}
              hits={found!.ids.map((id) => {
                const h = publicSearchHit(gw, id, now);
                return { ...h, stores: h.stores.map((s) => `${s.store_name} (${s.platform})`).join('; ') };
              })}
              href={(id) => `/credit/subjects/${id}`}
            />
            <Pager
              t={p.t}
              total={found!.total}
              offset={offset}
              shown={found!.ids.length}
              limit={SEARCH_LIMIT}
              href={(o) => `/?q=${encodeURIComponent(q!)}${o ? `&offset=${o}` : ''}`}
            />
          </section>
        ) : null}
      </Layout>,
      tooShort ? 400 : 200,
    );
  });

  // The mark verification page (/marks/{id}, src/marks) found by the id a person types.
  app.get('/credit/mark', (c) => {
    const id = (c.req.query('id') ?? '').trim().toUpperCase();
    if (!ULID.test(id)) return notFoundPage(c, pageContext(c));
    return c.redirect(`/marks/${id}`, 303);
  });

  app.get('/credit/subjects/:subject_id', (c) => {
    const p = pageContext(c);
    const id = c.req.param('subject_id');
    let view: View | null;
    try {
      // The kept page (credit/pages.ts): the same view the API sends, with the score of this moment.
      view = ULID.test(id) ? (JSON.parse(gw.creditPages.json(id)) as View) : null;
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'not_found') throw err;
      view = null;
    }
    if (!view) return notFoundPage(c, p);
    return render(c, <PublicSubject p={p} v={view} />);
  });

  app.route('/', complaintPages(gw));
  app.route('/', tracePage(gw));
  return app;
}

export function notFoundPage(c: Context, p: PageContext) {
  return render(
    c,
    <Layout p={p} title="404">
      <Notice kind="error" text={p.t('notFound')} />
    </Layout>,
    404,
  );
}

/** Refuses a cross-site browser POST before anything is read. */
export function refuseCrossSite(c: Context, gw: Pick<Gateway, 'config'>, p: PageContext) {
  if (sameOriginRequest(c, gw.config.publicUrl)) return null;
  return render(
    c,
    <Layout p={p} title="403">
      <Notice kind="error" text={p.t('csrfFailed')} />
    </Layout>,
    403,
  );
}

type View = PublicSubjectView;

const PublicSubject = ({ p, v }: { p: PageContext; v: View }) => {
  const { t } = p;
  const stats = v.complaints as ReturnType<typeof import('../complaints/views.ts').complaintStats>;
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
  return (
    <Layout p={p} title={v.name}>
      <dl class="facts">
        <dt>{t('kind')}</dt>
        <dd>
          <Status lang={p.lang} value={v.kind} />
        </dd>
        {v.uscc ? (
          <>
            <dt>{t('uscc')}</dt>
            <dd>{v.uscc}</dd>
          </>
        ) : null}
        <dt>{t('tier')}</dt>
        <dd>
          <span class={`tier tier-${v.credit.tier}`} data-testid="tier">
            {v.credit.tier}
          </span>
        </dd>
        <dt>{t('score')}</dt>
        <dd data-testid="score">{v.credit.score}</dd>
      </dl>
      <h2>{t('explanation')}</h2>
      <ExplanationTable p={p} lines={v.credit.explanation} />
      <h2>{t('stores')}</h2>
      <SubjectStores p={p} stores={v.stores} />
      <h2>{t('lists')}</h2>
      <ListEntries p={p} rows={v.lists} />
      <h2>{t('penalties')}</h2>
      <PenaltiesTable p={p} rows={v.penalties} />
      <h2>{t('licensesInForce')}</h2>
      <Licences p={p} licences={v.licenses} />
      <h2>{t('complaintStats')}</h2>
      <DataTable
        testid="complaint-stats"
        empty={t('none')}
        rows={[stats]}
        columns={[
          { head: t('received'), cell: (x) => x.received, align: 'num' },
          { head: t('closed'), cell: (x) => x.closed, align: 'num' },
          { head: t('substantiated'), cell: (x) => x.substantiated, align: 'num' },
          { head: t('perThousand'), cell: (x) => x.per_thousand_orders ?? '—', align: 'num' },
          { head: t('answeredInTime'), cell: (x) => pct(x.share_answered_in_time), align: 'num' },
        ]}
      />
      <h2>{t('latestVerification')}</h2>
      {v.latest_verification ? (
        <p>
          <Status lang={p.lang} value={v.latest_verification.verdict} /> ·{' '}
          <span data-raw>{v.latest_verification.store_url}</span> ·{' '}
          <When lang={p.lang} iso={v.latest_verification.finished_at} date />
        </p>
      ) : (
        <p class="muted">{t('none')}</p>
      )}
      <h2>{t('marks')}</h2>
      <SubjectMarks p={p} marks={v.marks} />
      {v.narratives.length > 0 ? (
        <>
          <h2>{t('narratives')}</h2>
          {v.narratives.map((n) => (
            <div class="card">
              <p class="muted">
                <Status lang={p.lang} value={n.category} /> · {n.submitted_on} ·{' '}
                <Status lang={p.lang} value={n.outcome} />
              </p>
              <p data-raw>{n.narrative}</p>
            </div>
          ))}
        </>
      ) : null}
    </Layout>
  );
};
