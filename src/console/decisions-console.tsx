import { Hono } from 'hono';
import { decisionExport } from '../exchange/views.ts';
import type { DecisionWithRecord } from '../exchange/store.ts';
import { term } from './i18n.ts';
import { FilterForm, FilterSelect, Layout, type PageContext, render } from './layout.tsx';
import { DataTable, Status, When } from './ui.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

const PAGE = 50;
const KINDS = ['penalty', 'license'] as const;

/**
 * Departments' double-publicity decisions (issue 16), latest change first: what each is, whom it is about,
 * its publication deadline and whether it was published late, and what it became (a credit penalty).
 * Reads only; departments file through the API.
 */
export function decisionsConsole(gw: ConsoleGateway) {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/decisions', (c) => {
    const kind = (KINDS as readonly string[]).includes(c.req.query('kind') ?? '')
      ? c.req.query('kind')!
      : null;
    const before = Math.trunc(Number(c.req.query('before'))) || Number.MAX_SAFE_INTEGER;
    const rows = gw.decisions.recent(before, PAGE, kind);
    return render(c, <DecisionsPage p={c.get('page')} gw={gw} kind={kind} rows={rows} />);
  });
  return app;
}

const DecisionsPage = ({
  p,
  gw,
  kind,
  rows,
}: {
  p: PageContext;
  gw: ConsoleGateway;
  kind: string | null;
  rows: DecisionWithRecord[];
}) => {
  const { t } = p;
  const last = rows.at(-1);
  return (
    <Layout p={p} title={t('decisions')}>
      <h2>{t('decisionsFiled')}</h2>
      <FilterForm p={p} action="/console/decisions">
        <FilterSelect
          name="kind"
          label={t('decisionKind')}
          all={['', t('allDecisionKinds')]}
          options={KINDS.map((k) => [k, term(p.lang, k)] as const)}
          selected={kind}
        />
      </FilterForm>
      <DataTable
        testid="decisions"
        empty={t('noDecisions')}
        rows={rows.map((row) => ({ row, d: decisionExport(row) as Record<string, unknown> }))}
        columns={[
          {
            head: t('decisionNumber'),
            cell: ({ row, d }) => (
              <>
                {row.decision_number}
                <div class="muted" data-raw>
                  {String(d.content ?? '').slice(0, 80)}
                </div>
              </>
            ),
          },
          { head: t('decisionKind'), cell: ({ row }) => <Status lang={p.lang} value={row.kind} /> },
          {
            head: t('subjects'),
            cell: ({ row, d }) =>
              row.subject_id ? (
                <a href={`/console/subjects/${row.subject_id}`} data-raw>
                  {gw.sellers.subject(row.subject_id)?.legal_name ?? String(d.subject_name)}
                </a>
              ) : (
                <span data-raw>{String(d.subject_name)}</span>
              ),
          },
          { head: t('department'), cell: ({ row }) => row.department_slug },
          { head: t('decidedOn'), cell: ({ row }) => row.decided_on },
          { head: t('publishBy'), cell: ({ row }) => row.publish_by ?? '—' },
          {
            head: t('firstFiled'),
            cell: ({ row }) => (
              <>
                <When lang={p.lang} iso={row.first_filed_at} />
                <div class={row.late ? 'warn' : 'muted'}>{row.late ? t('publishedLate') : t('onTime')}</div>
              </>
            ),
          },
          {
            head: t('status'),
            cell: ({ row }) => (
              <>
                <Status lang={p.lang} value={row.status} />
                {row.apply_note ? (
                  <div class="muted" lang="en" data-raw>
                    {row.apply_note}
                  </div>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {last && last.exchange_seq > 1 ? (
        <p>
          <a href={`/console/decisions?before=${last.exchange_seq}${kind ? `&kind=${kind}` : ''}`}>
            {t('olderDecisions')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
};
