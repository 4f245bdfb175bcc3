import type { Child } from 'hono/jsx';
import { SECTORS } from '../credit/rules.ts';
import type { regulatorSubjectView } from '../credit/views.ts';
import type { WarningRow } from '../risk/store.ts';
import { severityTerm, term } from './i18n.ts';
import { type PageContext, Field, Layout, Notice, TextField } from './layout.tsx';
import { SubjectWarnings } from './risk-pages.tsx';
import {
  CreditEvents,
  ExplanationTable,
  ListEntries,
  PenaltiesTable,
  SubjectMarks,
  SubjectStores,
} from './subject-tables.tsx';
import { Status, When } from './ui.tsx';
import { type LatestVerification, VerificationCard } from './verification-card.tsx';

// The regulator's page of a subject (subjects-console.tsx serves it and its forms): the whole record, the
// stores' latest verifications with their evidence, and the credit actions.

type SubjectView = ReturnType<typeof regulatorSubjectView>;

export const SubjectPage = ({
  p,
  csrf,
  v,
  latest,
  warnings,
  error,
  notice,
}: {
  p: PageContext;
  csrf: string;
  v: SubjectView;
  latest: LatestVerification[];
  warnings: WarningRow[];
  error?: string | undefined;
  notice?: string | undefined;
}) => {
  const { t } = p;
  const csrfField = <input type="hidden" name="_csrf" value={csrf} />;
  const s = v.subject;
  return (
    <Layout p={p} title={s.legal_name}>
      {notice ? <Notice text={notice} /> : null}
      {error ? <Notice kind="error" text={error} /> : null}
      <dl class="facts">
        <dt>{t('kind')}</dt>
        <dd>
          <Status lang={p.lang} value={s.kind} />
        </dd>
        <dt>{t('uscc')}</dt>
        <dd>{s.uscc ?? s.id_number_masked ?? '—'}</dd>
        <dt>{t('tier')}</dt>
        <dd>
          <span class={`tier tier-${v.credit.tier}`}>{v.credit.tier}</span> (
          <Status lang={p.lang} value={v.credit.tier_rule} prefix="tier_rule." />)
        </dd>
        <dt>{t('score')}</dt>
        <dd>{v.credit.score}</dd>
        <dt>{t('complaintStats')}</dt>
        <dd>
          {t('received')} {v.complaints.received} · {t('closed')} {v.complaints.closed} · {t('substantiated')}{' '}
          {v.complaints.substantiated}
        </dd>
      </dl>

      <h2>{t('sellers')}</h2>
      <SubjectStores p={p} stores={v.sellers} />

      <h2>{t('latestVerification')}</h2>
      {latest.filter((l) => l.row).length === 0 ? <p class="muted">{t('none')}</p> : null}
      {latest.map(({ seller, row, record }) =>
        row && record ? <VerificationCard p={p} seller={seller} row={row} record={record} /> : null,
      )}

      <h2>{t('marks')}</h2>
      <SubjectMarks p={p} marks={v.marks} />

      <h2>{t('complaints')}</h2>
      {v.complaints.latest.length === 0 ? (
        <p class="muted">{t('none')}</p>
      ) : (
        <ul>
          {v.complaints.latest.map((x) => (
            <li>
              <a href={`/console/complaints/${x.complaint_id}`}>{x.tracking_code}</a> ·{' '}
              <Status lang={p.lang} value={x.status} /> · <Status lang={p.lang} value={x.category} /> ·{' '}
              <When lang={p.lang} iso={x.submitted_at} date />
            </li>
          ))}
        </ul>
      )}

      <h2>{t('risk')}</h2>
      <SubjectWarnings p={p} warnings={warnings} />

      <h2>{t('explanation')}</h2>
      <ExplanationTable p={p} lines={v.credit.explanation} />
      <h2>{t('creditEvents')}</h2>
      <CreditEvents p={p} events={v.events} />

      <h2>{t('lists')}</h2>
      <ListEntries
        p={p}
        rows={v.lists}
        action={(e) =>
          e.open ? (
            <form method="post" action={`/console/lists/${e.id}/remove`} class="inline">
              {csrfField}
              <select name="reason" aria-label={t('reason')}>
                <option value="repaired">{term(p.lang, 'repaired')}</option>
                <option value="error">{term(p.lang, 'error')}</option>
              </select>
              <input name="note" required maxlength={1000} placeholder={t('note')} aria-label={t('note')} />
              <button type="submit" class="secondary">
                {t('removeEntry')}
              </button>
            </form>
          ) : null
        }
      />
      <form method="post" action={`/console/subjects/${s.id}/lists`} class="stack card">
        {csrfField}
        <strong>{t('enterList')}</strong>
        <Field label={t('list')} name="list">
          <select id="f-list" name="list">
            <option value="abnormal">{term(p.lang, 'abnormal')}</option>
            <option value="serious">{term(p.lang, 'serious')}</option>
          </select>
        </Field>
        <TextField label={t('reason')} name="reason" required maxlength={1000} />
        <TextField label={t('legalBasis')} name="legal_basis" required maxlength={1000} />
        <Field label={t('penaltyId')} name="penalty_id">
          <select id="f-penalty_id" name="penalty_id">
            <option value="">—</option>
            {v.penalties.map((x) => (
              <option value={x.id}>{x.decision_number}</option>
            ))}
          </select>
        </Field>
        <div>
          <button type="submit">{t('enterList')}</button>
        </div>
      </form>

      <h2>{t('penalties')}</h2>
      <PenaltiesTable
        p={p}
        rows={v.penalties}
        action={(x) => (
          <>
            {x.state === 'unpublished' || x.state === 'overdue' ? (
              <form method="post" action={`/console/penalties/${x.id}/publish`} class="inline">
                {csrfField}
                <button type="submit">{t('publish')}</button>
              </form>
            ) : null}
            {x.withdrawn_at === null ? (
              <form method="post" action={`/console/penalties/${x.id}/withdraw`} class="inline">
                {csrfField}
                <input name="overturned_on" type="date" aria-label={t('overturnedOn')} />
                <input
                  name="reason"
                  required
                  maxlength={1000}
                  placeholder={t('reason')}
                  aria-label={t('reason')}
                />
                <button type="submit" class="danger">
                  {t('withdraw')}
                </button>
              </form>
            ) : null}
          </>
        )}
      />
      <PenaltyForm p={p} v={v} csrfField={csrfField} />
    </Layout>
  );
};

/** The form that records a penalty decision against the subject (and, when chosen, one of its stores). */
const PenaltyForm = ({ p, v, csrfField }: { p: PageContext; v: SubjectView; csrfField: Child }) => {
  const { t } = p;
  return (
    <form method="post" action={`/console/subjects/${v.subject.id}/penalties`} class="stack card">
      {csrfField}
      <strong>{t('recordPenalty')}</strong>
      <TextField label={t('decisionNumber')} name="decision_number" required maxlength={100} />
      <Field label={t('stores')} name="store">
        <select id="f-store" name="store">
          <option value="">—</option>
          {v.sellers.map((x) => (
            <option value={`${x.platform}/${x.seller_id}`}>
              {x.platform}/{x.seller_id}
            </option>
          ))}
        </select>
      </Field>
      <TextField label={t('authority')} name="authority" required maxlength={200} />
      <Field label={t('facts')} name="facts" required>
        <textarea id="f-facts" name="facts" required maxlength={5000}></textarea>
      </Field>
      <TextField label={t('legalBasis')} name="legal_basis" id="pen-legal_basis" required maxlength={1000} />
      <TextField label={t('penalty')} name="penalty" required maxlength={1000} />
      <Field label={t('severity')} name="severity">
        <select id="f-severity" name="severity">
          {['minor', 'moderate', 'serious'].map((x) => (
            <option value={x}>{severityTerm(p.lang, x)}</option>
          ))}
        </select>
      </Field>
      <Field label={t('sector')} name="sector">
        <select id="f-sector" name="sector">
          {SECTORS.map((x) => (
            <option value={x}>{term(p.lang, x)}</option>
          ))}
        </select>
      </Field>
      <TextField label={t('decidedOn')} name="decided_on" type="date" required />
      <label>
        <input type="checkbox" name="publish" value="yes" /> {t('publishNow')}
      </label>
      <div>
        <button type="submit">{t('recordPenalty')}</button>
      </div>
    </form>
  );
};
