import { SIGNALS } from '../risk/rules.ts';
import { WARNING_STATUSES, type WarningRow } from '../risk/store.ts';
import type { SignalStats } from '../risk/views.ts';
import { term } from './i18n.ts';
import type { Child } from 'hono/jsx';
import { FilterForm, FilterSelect, Layout, type PageContext, PlatformFilter } from './layout.tsx';
import type { ConsoleGateway } from './types.ts';
import { type Column, DataTable, Severity, Status, When } from './ui.tsx';

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
      <FilterForm p={p} action="/console/risk">
        <FilterSelect
          name="signal"
          label={t('signal')}
          all={['', t('allSignals')]}
          options={SIGNALS.map((s) => [s, term(p.lang, s)] as const)}
          selected={filter.signal}
        />
        <FilterSelect
          name="status"
          label={t('status')}
          all={['undecided', t('undecided')]}
          options={[['all', t('allStatuses')], ...WARNING_STATUSES.map((s) => [s, term(p.lang, s)] as const)]}
          selected={filter.status === '' ? 'all' : filter.status}
        />
        <PlatformFilter p={p} platforms={gw.accounts.listPlatforms()} selected={filter.platform} />
      </FilterForm>
      <DataTable
        testid="risk-queue"
        empty={t('noWarnings')}
        rows={rows}
        rowData={(w) => ({ 'data-warning': w.id })}
        columns={warningColumns(
          p,
          (w) => (
            <Target p={p} gw={gw} w={w} />
          ),
          [
            { head: t('platform'), cell: (w) => w.platform ?? '—' },
            { head: t('firstSeen'), cell: (w) => <When lang={p.lang} iso={w.first_seen} />, align: 'nowrap' },
          ],
        )}
      />
      <nav class="pager" aria-label={t('pages')} data-testid="risk-pages">
        {filter.after ? <a href={queueLink({ ...filter, after: '' })}>{t('firstPage')}</a> : null}
        {next ? (
          <a href={queueLink({ ...filter, after: next })} rel="next">
            {t('nextPage')}
          </a>
        ) : null}
      </nav>
      <h2>{t('signalsPrecision')}</h2>
      <DataTable
        testid="risk-signals"
        empty={t('none')}
        rows={stats}
        columns={[
          {
            head: t('signal'),
            cell: (s) => (
              <>
                <a href={queueLink({ ...filter, signal: s.signal, status: '', after: '' })}>
                  {term(p.lang, s.signal)}
                </a>{' '}
                <code class="muted">{s.rule_version}</code>
              </>
            ),
          },
          ...WARNING_STATUSES.map((status): Column<SignalStats> => ({
            head: <Status lang={p.lang} value={status} />,
            cell: (s) => s.counts[status],
            align: 'num',
          })),
          {
            head: t('precision'),
            cell: (s) => (s.precision === null ? '—' : `${(s.precision * 100).toFixed(1)}%`),
            align: 'num',
          },
        ]}
      />
    </Layout>
  );
};

/**
 * A warning's columns, in the queue and among a subject's warnings: score, severity, signal (linked to its
 * page), target, the queue's `more`, when last seen and its status.
 */
function warningColumns(
  p: PageContext,
  target: (w: WarningRow) => Child,
  more: Column<WarningRow>[] = [],
): Column<WarningRow>[] {
  return [
    { head: p.t('riskScore'), cell: (w) => w.score, align: 'num' },
    { head: p.t('severity'), cell: (w) => <Severity lang={p.lang} value={w.severity} /> },
    { head: p.t('signal'), cell: (w) => <a href={`/console/risk/${w.id}`}>{term(p.lang, w.signal)}</a> },
    { head: p.t('target'), cell: target },
    ...more,
    { head: p.t('lastSeen'), cell: (w) => <When lang={p.lang} iso={w.last_seen} />, align: 'nowrap' },
    { head: p.t('status'), cell: (w) => <Status lang={p.lang} value={w.status} /> },
  ];
}

/** A subject's warnings, on its page: riskiest first, each linked to its warning page. */
export const SubjectWarnings = ({ p, warnings }: { p: PageContext; warnings: WarningRow[] }) => (
  <DataTable
    testid="subject-warnings"
    empty={p.t('none')}
    rows={warnings}
    columns={warningColumns(p, (w) =>
      w.seller_id ? `${w.platform ?? w.platform_id}/${w.seller_id}` : p.t('subjects'),
    )}
  />
);
