import { Hono } from 'hono';
import { decisionExport } from '../exchange/views.ts';
import type { DecisionWithRecord } from '../exchange/store.ts';
import { term } from './i18n.ts';
import { FilterSelect, type PageContext, Layout, render } from './layout.tsx';
import { When } from './ui.tsx';
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
      <form method="get" action="/console/decisions" class="inline" role="search">
        <FilterSelect
          name="kind"
          label={t('decisionKind')}
          all={['', t('allDecisionKinds')]}
          options={KINDS.map((k) => [k, term(p.lang, k)] as const)}
          selected={kind}
        />
        <button type="submit" class="secondary">
          {t('show')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t('noDecisions')}</p>
      ) : (
        <table data-testid="decisions">
          <thead>
            <tr>
              <th>{t('decisionNumber')}</th>
              <th>{t('decisionKind')}</th>
              <th>{t('subjects')}</th>
              <th>{t('department')}</th>
              <th>{t('decidedOn')}</th>
              <th>{t('publishBy')}</th>
              <th>{t('firstFiled')}</th>
              <th>{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const d = decisionExport(row) as Record<string, unknown>;
              return (
                <tr>
                  <td>
                    {row.decision_number}
                    <div class="muted">{String(d.content ?? '').slice(0, 80)}</div>
                  </td>
                  <td>{term(p.lang, row.kind)}</td>
                  <td>
                    {row.subject_id ? (
                      <a href={`/console/subjects/${row.subject_id}`}>
                        {gw.sellers.subject(row.subject_id)?.legal_name ?? String(d.subject_name)}
                      </a>
                    ) : (
                      String(d.subject_name)
                    )}
                  </td>
                  <td>{row.department_slug}</td>
                  <td>{row.decided_on}</td>
                  <td>{row.publish_by ?? '—'}</td>
                  <td>
                    <When lang={p.lang} iso={row.first_filed_at} />
                    <div class={row.late ? 'warn' : 'muted'}>
                      {row.late ? t('publishedLate') : t('onTime')}
                    </div>
                  </td>
                  <td>
                    {term(p.lang, row.status)}
                    {row.apply_note ? (
                      <div class="muted" lang="en" data-raw>
                        {row.apply_note}
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
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
