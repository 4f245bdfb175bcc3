import { Hono } from 'hono';
import { type CrawlRequest, startCrawl } from '../verification/service.ts';
import { term } from './i18n.ts';
import { Field, Layout, Notice, render } from './layout.tsx';
import { notFoundPage } from './public-pages.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

const ULID = /^[0-9A-Z]{26}$/;

/** Crawls: start one, follow its progress (live with the script, by refreshing without), read its results. */
export function crawlConsole(gw: ConsoleGateway) {
  const app = new Hono<ConsoleEnv>();

  app.get('/console/crawls', (c) => {
    const p = c.get('page');
    const { t } = p;
    const crawls = gw.verifications.recentCrawls(20);
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
          <div>
            <button type="submit">{t('startCrawl')}</button>
          </div>
        </form>
        <h2>{t('recentCrawls')}</h2>
        <table data-testid="crawls">
          <thead>
            <tr>
              <th>{t('created')}</th>
              <th>{t('status')}</th>
              <th class="num">{t('total')}</th>
              <th>{t('requestedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {crawls.map((cr) => (
              <tr>
                <td>
                  <a href={`/console/crawls/${cr.id}`}>{cr.created_at.slice(0, 16).replace('T', ' ')}</a>
                </td>
                <td>{term(p.lang, cr.status)}</td>
                <td class="num">{cr.total}</td>
                <td>{cr.requested_by}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
    // As POST /v1/regulator/crawls starts it, with its audit entry.
    const crawl = startCrawl(gw, request, `regulator:${c.get('session').regulator.id}`, { via: 'console' });
    return c.redirect(`/console/crawls/${crawl.id}`, 303);
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
    const running = progress.status === 'queued' || progress.status === 'running';
    const results = gw.verifications.ofCrawl(id, 500);
    const platforms = new Map(gw.accounts.listPlatforms().map((pl) => [pl.id, pl.slug]));
    return render(
      c,
      <Layout p={p} title={`${t('crawls')} · ${progress.crawl_id}`} script={running}>
        <section class="card" data-crawl-progress={running ? `/console/crawls/${id}/progress` : undefined}>
          <strong>{t('progress')}</strong>
          <progress max={Math.max(1, progress.total)} value={progress.done}></progress>
          <p data-progress-text>
            {progress.done} / {progress.total} · {term(p.lang, progress.status)} · {t('compliant')}{' '}
            {progress.compliant} · {t('violations')} {progress.violations} · {t('inconclusive')}{' '}
            {progress.inconclusive}
          </p>
          {running ? (
            <p>
              <a href={`/console/crawls/${id}`}>{t('refresh')}</a>
            </p>
          ) : null}
        </section>
        <table data-testid="crawl-results">
          <thead>
            <tr>
              <th>{t('verdict')}</th>
              <th>{t('platform')}</th>
              <th>{t('sellerId')}</th>
              <th>{t('storeUrl')}</th>
              <th>{t('checkedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr>
                <td>
                  <span class={`verdict-${r.verdict}`}>{term(p.lang, r.verdict)}</span>{' '}
                  {r.reason ? <span class="muted">{r.reason}</span> : null}
                </td>
                <td>{platforms.get(r.platform_id)}</td>
                <td>
                  <a href={`/console/subjects/${r.subject_id}`}>{r.seller_id}</a>
                </td>
                <td>{r.store_url}</td>
                <td class="nowrap">{r.finished_at.slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
  return app;
}
