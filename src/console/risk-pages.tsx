import { SIGNALS } from '../risk/rules.ts';
import { WARNING_STATUSES, type WarningRow } from '../risk/store.ts';
import type { SignalStats } from '../risk/views.ts';
import { term } from './i18n.ts';
import { type PageContext, Layout } from './layout.tsx';
import type { ConsoleGateway } from './types.ts';
import { Severity, When } from './ui.tsx';

// The risk queue, a subject's warnings, and the pieces a warning's page shares with them.

/** The queue's filters as its links carry them; `status` '' is every status, 'undecided' open or assigned. */
export interface QueueFilter {
  signal: string;
  status: string;
  platform: string;
  limit: number;
  after: string;
}
export const QUEUE_LIMIT = 50;

export function queueLink(f: QueueFilter): string {
  const q = new URLSearchParams();
  if (f.signal) q.set('signal', f.signal);
  if (f.status !== 'undecided') q.set('status', f.status || 'all');
  if (f.platform) q.set('platform', f.platform);
  if (f.limit !== QUEUE_LIMIT) q.set('limit', String(f.limit));
  if (f.after) q.set('after', f.after);
  const query = q.toString();
  return query ? `/console/risk?${query}` : '/console/risk';
}

/** What a warning concerns: a store (linked to its subject's page), a subject, or a platform. */
export const Target = ({ p, gw, w }: { p: PageContext; gw: ConsoleGateway; w: WarningRow }) => {
  const name = w.subject_id ? gw.sellers.subject(w.subject_id)?.legal_name : undefined;
  if (w.seller_id) {
    const store = `${w.platform ?? w.platform_id}/${w.seller_id}`;
    return (
      <>
        {w.subject_id ? <a href={`/console/subjects/${w.subject_id}`}>{store}</a> : store}
        {name ? <div>{name}</div> : null}
        {w.store_url ? <div class="muted">{w.store_url}</div> : null}
      </>
    );
  }
  if (w.subject_id) return <a href={`/console/subjects/${w.subject_id}`}>{name ?? w.subject_id}</a>;
  return (
    <>
      {p.t('platform')} {w.platform ?? '—'}
    </>
  );
};

export const RiskQueue = ({
  p,
  gw,
  filter,
  rows,
  next,
  stats,
}: {
  p: PageContext;
  gw: ConsoleGateway;
  filter: QueueFilter;
  rows: WarningRow[];
  next: string | null;
  stats: SignalStats[];
}) => {
  const { t } = p;
  return (
    <Layout p={p} title={t('riskQueue')}>
      <form method="get" action="/console/risk" class="inline" role="search">
        <select name="signal" aria-label={t('signal')}>
          <option value="">{t('allSignals')}</option>
          {SIGNALS.map((s) => (
            <option value={s} selected={s === filter.signal}>
              {term(p.lang, s)}
            </option>
          ))}
        </select>
        <select name="status" aria-label={t('status')}>
          <option value="undecided">{t('undecided')}</option>
          <option value="all" selected={filter.status === ''}>
            {t('allStatuses')}
          </option>
          {WARNING_STATUSES.map((s) => (
            <option value={s} selected={s === filter.status}>
              {term(p.lang, s)}
            </option>
          ))}
        </select>
        <select name="platform" aria-label={t('platform')}>
          <option value="">{t('allPlatforms')}</option>
          {gw.accounts.listPlatforms().map((pl) => (
            <option value={pl.slug} selected={pl.slug === filter.platform}>
              {pl.slug}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t('show')}
        </button>
      </form>
      <table data-testid="risk-queue">
        <thead>
          <tr>
            <th class="num">{t('riskScore')}</th>
            <th>{t('severity')}</th>
            <th>{t('signal')}</th>
            <th>{t('target')}</th>
            <th>{t('platform')}</th>
            <th>{t('firstSeen')}</th>
            <th>{t('lastSeen')}</th>
            <th>{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => (
            <tr data-warning={w.id}>
              <td class="num">{w.score}</td>
              <td>
                <Severity lang={p.lang} value={w.severity} />
              </td>
              <td>
                <a href={`/console/risk/${w.id}`}>{term(p.lang, w.signal)}</a>
              </td>
              <td>
                <Target p={p} gw={gw} w={w} />
              </td>
              <td>{w.platform ?? '—'}</td>
              <td class="nowrap">
                <When lang={p.lang} iso={w.first_seen} />
              </td>
              <td class="nowrap">
                <When lang={p.lang} iso={w.last_seen} />
              </td>
              <td>{term(p.lang, w.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p class="muted">{t('noWarnings')}</p> : null}
      <nav class="pager" aria-label={t('pages')} data-testid="risk-pages">
        {filter.after ? <a href={queueLink({ ...filter, after: '' })}>{t('firstPage')}</a> : null}
        {next ? (
          <a href={queueLink({ ...filter, after: next })} rel="next">
            {t('nextPage')}
          </a>
        ) : null}
      </nav>
      <h2>{t('signalsPrecision')}</h2>
      <table data-testid="risk-signals">
        <thead>
          <tr>
            <th>{t('signal')}</th>
            {WARNING_STATUSES.map((s) => (
              <th class="num">{term(p.lang, s)}</th>
            ))}
            <th class="num">{t('precision')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((s) => (
            <tr>
              <td>
                <a href={queueLink({ ...filter, signal: s.signal, status: '', after: '' })}>
                  {term(p.lang, s.signal)}
                </a>{' '}
                <code class="muted">{s.rule_version}</code>
              </td>
              {WARNING_STATUSES.map((status) => (
                <td class="num">{s.counts[status]}</td>
              ))}
              <td class="num">{s.precision === null ? '—' : `${(s.precision * 100).toFixed(1)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
};

/** A subject's warnings, on its page: riskiest first, each linked to its warning page. */
export const SubjectWarnings = ({ p, warnings }: { p: PageContext; warnings: WarningRow[] }) =>
  warnings.length === 0 ? (
    <p class="muted">{p.t('none')}</p>
  ) : (
    <table data-testid="subject-warnings">
      <thead>
        <tr>
          <th class="num">{p.t('riskScore')}</th>
          <th>{p.t('severity')}</th>
          <th>{p.t('signal')}</th>
          <th>{p.t('target')}</th>
          <th>{p.t('lastSeen')}</th>
          <th>{p.t('status')}</th>
        </tr>
      </thead>
      <tbody>
        {warnings.map((w) => (
          <tr>
            <td class="num">{w.score}</td>
            <td>
              <Severity lang={p.lang} value={w.severity} />
            </td>
            <td>
              <a href={`/console/risk/${w.id}`}>{term(p.lang, w.signal)}</a>
            </td>
            <td>{w.seller_id ? `${w.platform ?? w.platform_id}/${w.seller_id}` : p.t('subjects')}</td>
            <td class="nowrap">
              <When lang={p.lang} iso={w.last_seen} />
            </td>
            <td>{term(p.lang, w.status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
