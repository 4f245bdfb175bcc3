import type { Child } from 'hono/jsx';
import type { PageContext } from './layout.tsx';
import { columnsIf, DataTable, Severity, Status, When } from './ui.tsx';

/*
 * The tables of a subject's record, on its public credit page (public-pages.tsx) and on the regulator's
 * page (subject-page.tsx). The public page shows what double publicity publishes; the console passes
 * `action`, and with it the table shows the record's state and what a regulator can do to each row.
 */

/** A store of the subject; the console's rows carry the seller id, the public's do not. */
export interface StoreLine {
  platform_name: string;
  seller_id?: string;
  store_name: string;
  store_url: string;
  status: string;
}

export const SubjectStores = ({ p, stores }: { p: PageContext; stores: readonly StoreLine[] }) => (
  <DataTable
    empty={p.t('none')}
    rows={stores}
    columns={[
      { head: p.t('platform'), cell: (s) => s.platform_name },
      ...columnsIf<StoreLine>(
        stores.some((s) => s.seller_id !== undefined),
        {
          head: p.t('sellerId'),
          cell: (s) => <span data-raw>{s.seller_id}</span>,
        },
      ),
      { head: p.t('storeName'), cell: (s) => <span data-raw>{s.store_name}</span> },
      { head: p.t('storeUrl'), cell: (s) => <span data-raw>{s.store_url}</span> },
      { head: p.t('status'), cell: (s) => <Status lang={p.lang} value={s.status} /> },
    ]}
  />
);

/** An event that moved the score, as the score's explanation gives it. */
interface ExplanationLine {
  kind: string;
  severity: string;
  occurred_at: string;
  points: number;
}

/** The events that moved a score, most points first: on the public page and the regulator's. */
export const ExplanationTable = ({ p, lines }: { p: PageContext; lines: readonly ExplanationLine[] }) => (
  <DataTable
    empty={p.t('none')}
    rows={lines}
    columns={[
      { head: p.t('event'), cell: (e) => <Status lang={p.lang} value={e.kind} /> },
      { head: p.t('severity'), cell: (e) => <Severity lang={p.lang} value={e.severity} /> },
      { head: p.t('occurred'), cell: (e) => <When lang={p.lang} iso={e.occurred_at} date /> },
      { head: p.t('points'), cell: (e) => e.points, align: 'num' },
    ]}
  />
);

/** Every credit event of the subject, public or not: the regulator's page only. */
export const CreditEvents = ({
  p,
  events,
}: {
  p: PageContext;
  events: readonly (Omit<ExplanationLine, 'points'> & { source: string; public: boolean })[];
}) => (
  <DataTable
    empty={p.t('none')}
    rows={events}
    columns={[
      { head: p.t('occurred'), cell: (e) => <When lang={p.lang} iso={e.occurred_at} date /> },
      {
        head: p.t('event'),
        cell: (e) => (
          <>
            <Status lang={p.lang} value={e.kind} /> <code class="muted">{e.source}</code>
          </>
        ),
      },
      { head: p.t('severity'), cell: (e) => <Severity lang={p.lang} value={e.severity} /> },
      { head: p.t('public'), cell: (e) => (e.public ? '✓' : '—') },
    ]}
  />
);

/** A table of the subject's record: its rows, and on the console what a regulator can do to each. */
interface RecordTable<R> {
  p: PageContext;
  rows: readonly R[];
  action?: (row: R) => Child;
}

/** An entry on the abnormal or the serious list; the regulator's record adds whether and why it ended. */
export interface EntryLine {
  list: string;
  reason: string;
  legal_basis: string;
  entered_on: string;
  ends_on: string | null;
  open?: boolean;
  removal_reason?: string | null;
  removed_at?: string | null;
}

/** List entries: the public page shows the open ones with their legal basis, the console every one. */
export function ListEntries<R extends EntryLine>({ p, rows, action }: RecordTable<R>) {
  const { t } = p;
  return (
    <DataTable
      empty={t('none')}
      rows={rows}
      columns={[
        { head: t('list'), cell: (e) => <Status lang={p.lang} value={e.list} /> },
        { head: t('reason'), cell: (e) => <span data-raw>{e.reason}</span> },
        ...columnsIf<R>(!action, {
          head: t('legalBasis'),
          cell: (e) => <span data-raw>{e.legal_basis}</span>,
        }),
        { head: t('enteredOn'), cell: (e) => e.entered_on },
        ...(action
          ? [
              { head: t('endsOn'), cell: (e: R) => e.ends_on },
              {
                head: t('status'),
                cell: (e: R) =>
                  e.open ? (
                    <Status lang={p.lang} value="active" />
                  ) : (
                    <>
                      <Status lang={p.lang} value={e.removal_reason} />{' '}
                      <When lang={p.lang} iso={e.removed_at} date />
                    </>
                  ),
              },
              { head: '', cell: action },
            ]
          : []),
      ]}
    />
  );
}

/** A penalty decision; the regulator's record adds its publication state. */
export interface PenaltyLine {
  decision_number: string;
  authority: string;
  facts: string;
  penalty: string;
  severity: string;
  decided_on: string;
  published_at: string | null;
  state?: string;
  published_late?: boolean;
}

/**
 * Penalties: the public page shows each decision as published; the console its severity and
 * publication state, with the actions.
 */
export function PenaltiesTable<R extends PenaltyLine>({ p, rows, action }: RecordTable<R>) {
  const { t } = p;
  return (
    <DataTable
      empty={t('none')}
      rows={rows}
      columns={[
        {
          head: t('decisionNumber'),
          cell: (x) => (
            <>
              <span data-raw>{x.decision_number}</span>
              {action ? (
                <div class="muted" data-raw>
                  {x.penalty}
                </div>
              ) : null}
            </>
          ),
        },
        ...columnsIf<R>(
          !action,
          { head: t('authority'), cell: (x) => <span data-raw>{x.authority}</span> },
          { head: t('facts'), cell: (x) => <span data-raw>{x.facts}</span> },
          { head: t('penalty'), cell: (x) => <span data-raw>{x.penalty}</span> },
        ),
        ...columnsIf<R>(!!action, {
          head: t('severity'),
          cell: (x) => <Severity lang={p.lang} value={x.severity} />,
        }),
        { head: t('decidedOn'), cell: (x) => x.decided_on },
        ...(action
          ? [
              {
                head: t('status'),
                cell: (x: R) => (
                  <>
                    <Status lang={p.lang} value={x.state} />{' '}
                    {x.published_late || x.state === 'overdue' ? (
                      <span class="due-overdue">{t('overdue')}</span>
                    ) : null}
                  </>
                ),
              },
              { head: '', cell: action },
            ]
          : [{ head: t('publishedAt'), cell: (x: R) => <When lang={p.lang} iso={x.published_at} date /> }]),
      ]}
    />
  );
}

/** An administrative licence in force, as double publicity publishes it (issue 16). */
interface LicenceLine {
  decision_number: string;
  license_number: string | null;
  authority: string;
  license_category: string;
  content: string;
  decided_on: string;
  valid_from: string | null;
  valid_until: string | null;
}

export const Licences = ({ p, licences }: { p: PageContext; licences: readonly LicenceLine[] }) => (
  <DataTable
    testid="licenses"
    empty={p.t('none')}
    rows={licences}
    columns={[
      {
        head: p.t('decisionNumber'),
        cell: (l) => (
          <span data-raw>
            {l.decision_number}
            {l.license_number && l.license_number !== l.decision_number ? (
              <div class="muted">{l.license_number}</div>
            ) : null}
          </span>
        ),
      },
      { head: p.t('licensingAuthority'), cell: (l) => <span data-raw>{l.authority}</span> },
      {
        head: p.t('decisionKind'),
        cell: (l) => <Status lang={p.lang} value={`license_${l.license_category}`} />,
      },
      { head: p.t('licenseContent'), cell: (l) => <span data-raw>{l.content}</span> },
      { head: p.t('validity'), cell: (l) => `${l.valid_from ?? l.decided_on} – ${l.valid_until ?? '—'}` },
    ]}
  />
);

/** The subject's trust marks not revoked, each with its state and the page that verifies it. */
export const SubjectMarks = ({
  p,
  marks,
}: {
  p: PageContext;
  marks: readonly { mark_id: string; origin: string; status: string; expires_at: string }[];
}) =>
  marks.length === 0 ? (
    <p class="muted">{p.t('none')}</p>
  ) : (
    <ul>
      {marks.map((m) => (
        <li>
          <span data-raw>{m.origin}</span> · <Status lang={p.lang} value={m.status} /> ·{' '}
          <When lang={p.lang} iso={m.expires_at} date /> ·{' '}
          <a href={`/marks/${m.mark_id}`}>{p.t('verifyMark')}</a>
        </li>
      ))}
    </ul>
  );
