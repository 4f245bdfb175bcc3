import type { Context } from 'hono';
import { CURRENT_MODEL, scoreSubject } from '../credit/model.ts';
import { COMPLAINT_STATUSES, FINAL_STATUSES } from '../complaints/terms.ts';
import { chinaMonth, chinaToday } from '../lib/dates.ts';
import { addWorkingDays } from '../lib/working-days.ts';
import { riskStore } from '../risk/store.ts';
import { signalStats } from '../risk/views.ts';
import { BarChart, HBarChart } from './charts.tsx';
import { term } from './i18n.ts';
import { Layout, render } from './layout.tsx';
import { DataTable } from './ui.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

const MONTHS = 6;

/** The last `n` months in China Standard Time as YYYY-MM, oldest first. */
export function lastMonths(now: Date, n: number): string[] {
  const [year, month] = chinaMonth(now.toISOString()).split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--)
    out.push(new Date(Date.UTC(year, month - 1 - i, 1)).toISOString().slice(0, 7));
  return out;
}

export type DueBucket = 'overdue' | 'today' | 'soon' | 'later' | 'none';

/** How close a due date is: past, today, within three working days, later, or none. */
export function dueBucket(due: string | null, today: string, soonLimit: string): DueBucket {
  if (!due) return 'none';
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  return due <= soonLimit ? 'soon' : 'later';
}

export function dashboardPage(gw: ConsoleGateway, c: Context<ConsoleEnv>) {
  const p = c.get('page');
  const { t } = p;
  const now = new Date();
  const months = lastMonths(now, MONTHS);
  const platforms = gw.accounts.listPlatforms();
  // Months in China Standard Time, from the first moment of the first one.
  const filings = gw.filings.countsByMonth(new Date(`${months[0]}-01T00:00:00+08:00`).toISOString());
  const perPlatform = platforms.map((pl) => ({
    name: pl.slug,
    values: months.map((m) =>
      filings.filter((f) => f.platform === pl.slug && f.month === m).reduce((s, f) => s + f.n, 0),
    ),
  }));
  const thisMonth = months.at(-1)!;
  const filedNow = new Set(filings.filter((f) => f.month === thisMonth).map((f) => f.platform));

  const verdicts = gw.verifications.latestVerdictCounts();
  const verdictRows = (['compliant', 'identity_missing', 'identity_mismatch', 'inconclusive'] as const).map(
    (v) => ({
      label: term(p.lang, v),
      value: verdicts[v] ?? 0,
      cls: v === 'compliant' ? 'c-ok' : v === 'inconclusive' ? 'c-warn' : 'c-bad',
    }),
  );

  const open = gw.complaints.openByDue();
  const today = chinaToday(now);
  const soon = addWorkingDays(today, 3, gw.calendar);
  const byStatus = COMPLAINT_STATUSES.filter((s) => !FINAL_STATUSES.includes(s)).map((s) => ({
    label: term(p.lang, s),
    value: open.filter((r) => r.status === s).reduce((sum, r) => sum + r.n, 0),
    cls: 's0',
  }));
  const buckets: [DueBucket, string, string][] = [
    ['overdue', t('overdue'), 'c-late'],
    ['today', t('dueToday'), 'c-bad'],
    ['soon', t('dueSoon'), 'c-warn'],
    ['later', t('dueLater'), 'c-ok'],
    ['none', t('noDeadline'), 'c-muted'],
  ];
  const byDue = buckets.map(([bucket, label, cls]) => ({
    label,
    cls,
    value: open.filter((r) => dueBucket(r.next_due, today, soon) === bucket).reduce((sum, r) => sum + r.n, 0),
  }));

  const tiers = gw.creditRecords.tierCounts(CURRENT_MODEL.version, scoreSubject([], now, CURRENT_MODEL).tier);
  const tierRows = (['A', 'B', 'C', 'D'] as const).map((tier) => ({
    label: tier,
    value: tiers.find((r) => r.tier === tier)?.n ?? 0,
    cls: tier === 'A' || tier === 'B' ? 'c-ok' : tier === 'C' ? 'c-warn' : 'c-bad',
  }));
  const riskiest = gw.creditRecords.riskiest(CURRENT_MODEL.version, 10);
  const warnings = signalStats(riskStore(gw.db)).map((s) => ({
    label: term(p.lang, s.signal),
    value: s.counts.open + s.counts.assigned,
    cls: 'c-warn',
  }));

  // The charts of counts, each with the label of its rows.
  const counts = [
    { title: t('verdicts'), rows: verdictRows, labelHeader: t('verdict'), testId: 'verdicts' },
    { title: t('openByStatus'), rows: byStatus, labelHeader: t('status'), testId: 'complaints-status' },
    { title: t('openByDue'), rows: byDue, labelHeader: t('due'), testId: 'complaints-due' },
    { title: t('byTier'), rows: tierRows, labelHeader: t('tier'), testId: 'tiers' },
    { title: t('undecidedBySignal'), rows: warnings, labelHeader: t('signal'), testId: 'risk-signals' },
  ];

  return render(
    c,
    <Layout p={p} title={t('dashboard')}>
      <div class="grid">
        <section class="card">
          <BarChart
            title={t('filingsByMonth')}
            labels={months}
            series={perPlatform}
            labelHeader={t('month')}
            testId="filings"
          />
        </section>
        <section class="card" data-chart="filed-this-month">
          <h2>
            {t('filedThisMonth')} ({thisMonth})
          </h2>
          <DataTable
            empty={t('none')}
            rows={platforms}
            columns={[
              { head: t('platform'), cell: (pl) => `${pl.name} (${pl.slug})` },
              {
                head: t('status'),
                cell: (pl) =>
                  filedNow.has(pl.slug) ? (
                    <span class="verdict-compliant">{t('filed')}</span>
                  ) : (
                    <span class="verdict-identity_missing">{t('notFiled')}</span>
                  ),
              },
            ]}
          />
        </section>
        {counts.map((chart) => (
          <section class="card">
            <HBarChart {...chart} valueHeader={t('count')} />
            {chart.testId === 'risk-signals' ? <a href="/console/risk">{t('riskQueue')}</a> : null}
          </section>
        ))}
      </div>
      <h2>{t('riskiest')}</h2>
      <DataTable
        testid="riskiest"
        empty={t('none')}
        rows={riskiest}
        columns={[
          {
            head: t('name'),
            cell: (r) => (
              <a href={`/console/subjects/${r.subject_id}`}>
                {gw.sellers.subject(r.subject_id)?.legal_name ?? r.subject_id}
              </a>
            ),
          },
          { head: t('tier'), cell: (r) => <span class={`tier tier-${r.tier}`}>{r.tier}</span> },
          { head: t('score'), cell: (r) => r.score, align: 'num' },
        ]}
      />
    </Layout>,
  );
}
