import { Hono } from 'hono';
import { CRAWL_STATES, crawlState, crawlViewer } from '../verification/crawl-view.ts';
import { type CrawlRequest, cancelCrawl, startCrawl } from '../verification/service.ts';
import { DomainError } from '../errors.ts';
import { refusal, term } from './i18n.ts';
import { DataTable, Status, When } from './ui.tsx';
import { FleetWorkers, readFleet } from './fleet-workers.tsx';
import { Field, Layout, Notice, render } from './layout.tsx';
import { notFoundPage } from './public-pages.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

const ULID = /^[0-9A-Z]{26}$/;

/** Crawls: start one, follow its progress (live with the script, by refreshing without), read its results. */
export function crawlConsole(gw: ConsoleGateway) {
  const app = new Hono<ConsoleEnv>();

  app.get('/console/crawls', async (c) => {
    const p = c.get('page');
    const { t } = p;
    const crawls = gw.verifications.recentCrawls(20);
    const view = crawlViewer(gw.accounts);
    // Read before rendering: Redis has at most FLEET_DEADLINE_MS to answer.
    const fleet = await readFleet(gw.fleet, gw.logger);
    return render(
      c,
      <Layout p={p} title={t('crawls')}>
        <form method="post" action="/console/crawls" class="stack card">
          <input type="hidden" name="_csrf" value={c.get('session').csrf} />
          <strong>{t('startCrawl')}</strong>
          <Field label={t('platform')} name="platform">
            <select id="f-platform" name="platform">
              <option value="">{t('allPlatforms')}</option>
              {gw.accounts.listPlatforms().map((pl) => (
                <option value={pl.slug}>
                  {pl.name} ({pl.slug})
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('staleDays')} name="stale_days">
            <input id="f-stale_days" name="stale_days" type="number" min={1} max={3650} />
          </Field>
          <label>
            <input type="checkbox" name="confirm_all" value="yes" /> {t('confirmAllStores')}
          </label>
          <div>
            <button type="submit">{t('startCrawl')}</button>
          </div>
        </form>
        <h2>{t('recentCrawls')}</h2>
        <DataTable
          testid="crawls"
          empty={t('none')}
          rows={crawls.map((cr) => ({ cr, v: view(cr, gw.verifications.verdictCounts(cr.id)) }))}
          columns={[
            {
              head: t('created'),
              cell: ({ cr }) => (
                <a href={`/console/crawls/${cr.id}`}>
                  <When lang={p.lang} iso={cr.created_at} />
                </a>
              ),
            },
            {
              head: t('status'),
              cell: ({ v }) => <Status lang={p.lang} value={v.status} prefix="crawl_state." />,
            },
            { head: t('total'), cell: ({ cr }) => cr.total, align: 'num' },
            { head: t('violations'), cell: ({ v }) => v.violations, align: 'num' },
            { head: t('markViolations'), cell: ({ v }) => v.mark_violations, align: 'num' },
            {
              head: t('requestedBy'),
              cell: ({ v }) => <span data-raw>{v.started_by.name ?? v.started_by.actor}</span>,
            },
          ]}
        />
        <h2>{t('fleetWorkers')}</h2>
        <FleetWorkers p={p} view={fleet} />
      </Layout>,
    );
  });

  app.post('/console/crawls', (c) => {
    const p = c.get('page');
    const f = c.get('form');
    const request: CrawlRequest = {};
    if (f.platform) {
      if (!gw.accounts.platformBySlug(f.platform))
        return render(
          c,
          <Layout p={p} title="400">
            <Notice kind="error" text={`${p.t('platform')}: ${f.platform}`} />
          </Layout>,
          400,
        );
      request.platforms = [f.platform];
    }
    if (f.stale_days) {
      const days = Number(f.stale_days);
      if (!Number.isInteger(days) || days < 1 || days > 3650)
        return render(
          c,
          <Layout p={p} title="400">
            <Notice kind="error" text={`${p.t('staleDays')}: 1–3650`} />
          </Layout>,
          400,
        );
      request.stale_days = days;
    }
    // Every store of every platform only when asked for in so many words (issue 18).
    if (!request.platforms && !request.stale_days) {
      if (f.confirm_all !== 'yes')
        return render(
          c,
          <Layout p={p} title="400">
            <Notice kind="error" text={p.t('confirmAllNeeded')} />
            <p>
              <a href="/console/crawls">{p.t('crawls')}</a>
            </p>
          </Layout>,
          400,
        );
      request.all = true;
    }
    // As POST /v1/regulator/crawls starts it, with its audit entry.
    const crawl = startCrawl(gw, request, `regulator:${c.get('session').regulator.id}`, { via: 'console' });
    return c.redirect(`/console/crawls/${crawl.id}`, 303);
  });

  app.post('/console/crawls/:id/cancel', (c) => {
    const p = c.get('page');
    const id = c.req.param('id');
    if (!ULID.test(id) || !gw.verifications.crawl(id)) return notFoundPage(c, p);
    try {
      cancelCrawl(gw, id, `regulator:${c.get('session').regulator.id}`);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return render(
        c,
        <Layout p={p} title="409">
          <Notice kind="error" text={refusal(p.lang, err)} />
        </Layout>,
        409,
      );
    }
    return c.redirect(`/console/crawls/${id}`, 303);
  });

  // The same progress as GET /v1/regulator/crawls/{id}, for the page's script (the session is its credential).
  app.get('/console/crawls/:id/progress', (c) => {
    const id = c.req.param('id');
    const progress = ULID.test(id) ? gw.crawls.progress(id) : undefined;
    if (!progress) return c.json({ error: 'not_found' }, 404);
    return c.json(progress, 200);
  });

  app.get('/console/crawls/:id', (c) => {
    const p = c.get('page');
    const { t } = p;
    const id = c.req.param('id');
    const progress = ULID.test(id) ? gw.crawls.progress(id) : undefined;
    if (!progress) return notFoundPage(c, p);
    const crawl = gw.verifications.crawl(id)!;
    const running = progress.finished_at === null && progress.status !== 'failed';
    const cancellable = crawlState(crawl) === 'queued' || crawlState(crawl) === 'running';
    const results = gw.verifications.ofCrawl(id, 500);
    const platforms = new Map(gw.accounts.listPlatforms().map((pl) => [pl.id, pl.slug]));
    return render(
      c,
      <Layout p={p} title={`${t('crawls')} · ${progress.crawl_id}`} script={running}>
        <section
          class="card"
          data-crawl-progress={running ? `/console/crawls/${id}/progress` : undefined}
          {...Object.fromEntries(
            CRAWL_STATES.map((s) => [`data-label-${s}`, term(p.lang, `crawl_state.${s}`)]),
          )}
        >
          <strong>{t('progress')}</strong>
          <progress max={Math.max(1, progress.total)} value={progress.done}></progress>
          <p data-progress-text>
            {progress.done} / {progress.total} · {term(p.lang, `crawl_state.${progress.status}`)} ·{' '}
            {t('compliant')} {progress.compliant} · {t('violations')} {progress.violations} ·{' '}
            {t('markViolations')} {progress.mark_violations} · {t('inconclusive')} {progress.inconclusive}
          </p>
          {cancellable ? (
            <form method="post" action={`/console/crawls/${id}/cancel`} class="inline">
              <input type="hidden" name="_csrf" value={c.get('session').csrf} />
              <button type="submit" class="danger" data-action="cancel-crawl">
                {t('cancelCrawl')}
              </button>
            </form>
          ) : null}
          {running ? (
            <p>
              <a href={`/console/crawls/${id}`}>{t('refresh')}</a>
            </p>
          ) : null}
        </section>
        <DataTable
          testid="crawl-results"
          empty={t('none')}
          rows={results}
          columns={[
            {
              head: t('verdict'),
              cell: (r) => (
                <>
                  <Status lang={p.lang} value={r.verdict} />{' '}
                  {r.reason ? (
                    <span class="muted">
                      <Status lang={p.lang} value={r.reason} />
                    </span>
                  ) : null}
                  {r.marks.map((m) => (
                    <div data-testid="mark-verdict">
                      {t('markTitle')} <span data-raw>{m.issuer ?? '—'}</span>:{' '}
                      <Status lang={p.lang} value={m.verdict} prefix="mark_verdict." />
                    </div>
                  ))}
                </>
              ),
            },
            { head: t('platform'), cell: (r) => platforms.get(r.platform_id) },
            {
              head: t('sellerId'),
              cell: (r) => (
                <a href={`/console/subjects/${r.subject_id}`} data-raw>
                  {r.seller_id}
                </a>
              ),
            },
            { head: t('storeUrl'), cell: (r) => <span data-raw>{r.store_url}</span> },
            {
              head: t('checkedAt'),
              cell: (r) => <When lang={p.lang} iso={r.finished_at} />,
              align: 'nowrap',
            },
          ]}
        />
      </Layout>,
    );
  });
  return app;
}
