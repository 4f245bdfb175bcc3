import type { Verification } from '../../crawlers/verify/verification.ts';
import { term } from './i18n.ts';
import type { PageContext } from './layout.tsx';
import { DataTable, MarkFindings, Status, When } from './ui.tsx';

/** A store of a subject with its latest verification, when it has one: the row and its full record. */
export interface LatestVerification {
  seller: { platform: string; seller_id: string };
  row: { id: string; verdict: string; reason: string | null; finished_at: string } | undefined;
  record: Verification | null;
}

/** A store's latest verification: its verdict, the identity filed against the one found, marks, evidence. */
export const VerificationCard = ({
  p,
  seller,
  row,
  record,
}: {
  p: PageContext;
  seller: LatestVerification['seller'];
  row: NonNullable<LatestVerification['row']>;
  record: Verification;
}) => {
  const { t } = p;
  const { filed, shown } = record.comparison;
  const identity = [
    {
      label: t('name'),
      filed: <span data-raw>{filed.name}</span>,
      found: <span data-raw>{shown.name ?? record.found.names.join('; ') ?? '—'}</span>,
    },
    {
      label: t('uscc'),
      filed: filed.uscc ?? '—',
      found: shown.uscc ?? (record.found.usccs.map((u) => u.code).join('; ') || '—'),
    },
  ];
  return (
    <div class="card">
      <p>
        <strong data-raw>
          {seller.platform}/{seller.seller_id}
        </strong>{' '}
        · <Status lang={p.lang} value={row.verdict} />
        {row.reason ? ` (${term(p.lang, row.reason)})` : ''}
        {record.marks_violation ? (
          <>
            {' '}
            · <span class="verdict-identity_missing">{term(p.lang, 'mark_not_genuine')}</span>
          </>
        ) : null}{' '}
        · <When lang={p.lang} iso={row.finished_at} />
      </p>
      <p class="muted">
        {t('crawlerWords')}:{' '}
        <span lang="en" data-raw>
          {record.detail}
        </span>
      </p>
      <DataTable
        empty={t('none')}
        rows={identity}
        columns={[
          { head: '', cell: (r) => r.label, rowHead: true },
          { head: t('filed'), cell: (r) => r.filed },
          { head: t('found'), cell: (r) => r.found },
        ]}
      />
      <MarkFindings lang={p.lang} t={t} marks={record.marks} />
      <p>
        {t('evidence')}:{' '}
        {(Object.entries(record.evidence) as [string, { sha256: string; media_type: string }][]).map(
          ([kind, ref]) => (
            <>
              <a
                href={`/console/verifications/${row.id}/evidence/${ref.sha256}${kind === 'screenshot' ? '?view=1' : ''}`}
              >
                {term(p.lang, `evidence.${kind}`)}
              </a>{' '}
            </>
          ),
        )}
      </p>
    </div>
  );
};
