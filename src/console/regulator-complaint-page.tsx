import type { complaintView } from '../complaints/views.ts';
import { OUTCOMES, REJECTION_REASONS } from '../complaints/workflow.ts';
import { StepsTable, TraceCodeFact } from './complaint-parts.tsx';
import { term } from './i18n.ts';
import { Field, Layout, Notice, type PageContext } from './layout.tsx';

// A complaint's page in the console (complaints-console.tsx serves it and its steps): the complaint with
// every step, the forms of the regulator's steps still open to it, and the audited reveal of who lodged it.

const REGULATOR_STEPS = [
  'accept',
  'reject',
  'forward',
  'mediate',
  'close',
  'substantiate',
  'message',
] as const;

type RegulatorView = ReturnType<typeof complaintView>;

export const RegulatorComplaint = ({
  p,
  csrf,
  v,
  notice,
  error,
  revealed,
}: {
  p: PageContext;
  csrf: string;
  v: RegulatorView;
  notice?: string | undefined;
  error?: string | undefined;
  revealed?: { name: string; phone: string; email: string | null } | undefined;
}) => {
  const { t } = p;
  const csrfField = <input type="hidden" name="_csrf" value={csrf} />;
  const steps = v.next_steps.filter((s) => (REGULATOR_STEPS as readonly string[]).includes(s.action));
  const action = `/console/complaints/${v.complaint_id}/steps`;
  return (
    <Layout p={p} title={`${t('complaints')} · ${v.tracking_code}`}>
      {notice ? <Notice text={notice} /> : null}
      {error ? <Notice kind="error" text={error} /> : null}
      <dl class="facts">
        <dt>{t('status')}</dt>
        <dd data-testid="status">{term(p.lang, v.status)}</dd>
        <dt>{t('due')}</dt>
        <dd>
          {v.next_due ?? '—'}{' '}
          {v.overdue.length ? (
            <span class="due-overdue">
              {t('overdue')}: {v.overdue.map((d) => term(p.lang, `deadline.${d}`)).join('、')}
            </span>
          ) : null}
        </dd>
        <dt>{t('category')}</dt>
        <dd>{term(p.lang, v.category)}</dd>
        <dt>{t('platform')}</dt>
        <dd>{v.platform}</dd>
        <dt>{t('storeUrl')}</dt>
        <dd>
          <span data-raw>
            {v.store.store_url ?? '—'} {v.store.seller_id ? `(${v.store.seller_id})` : ''}
          </span>{' '}
          {'subject_id' in v.linked && v.linked.subject_id ? (
            <a href={`/console/subjects/${v.linked.subject_id}`}>{t('subjects')}</a>
          ) : null}
        </dd>
        <dt>{t('order')}</dt>
        <dd>
          <span data-raw>{v.linked.order_id ?? '—'}</span> · {term(p.lang, `order_link.${v.linked.order}`)}
        </dd>
        <TraceCodeFact p={p} code={v.trace_code} />
        <dt>{t('amount')}</dt>
        <dd>{v.amount_claimed ? `${v.amount_claimed} ${v.currency}` : '—'}</dd>
        <dt>{t('description')}</dt>
        <dd data-raw>{v.description}</dd>
        <dt>{t('complainant')}</dt>
        <dd data-testid="complainant">
          {revealed
            ? `${revealed.name} · ${revealed.phone}${revealed.email ? ` · ${revealed.email}` : ''}`
            : `${v.complainant.name} · ${v.complainant.phone}`}
        </dd>
        {v.answer ? (
          <>
            <dt>{t('answer')}</dt>
            <dd>
              {term(p.lang, v.answer.kind)}: {v.answer.message}
            </dd>
          </>
        ) : null}
        {v.outcome ? (
          <>
            <dt>{t('outcome')}</dt>
            <dd>{term(p.lang, v.outcome)}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('steps')}</h2>
      <StepsTable p={p} events={v.events} />
      <h2>{t('actions')}</h2>
      {steps.length === 0 ? <p class="muted">{t('none')}</p> : null}
      {steps.map((s) => (
        <form method="post" action={action} class="inline card">
          {csrfField}
          <input type="hidden" name="type" value={s.action} />
          <strong>{term(p.lang, s.action)}</strong>
          {s.action === 'reject' ? (
            <select name="reason" aria-label={t('reason')}>
              {REJECTION_REASONS.map((r) => (
                <option value={r}>{term(p.lang, r)}</option>
              ))}
            </select>
          ) : null}
          {s.action === 'close' ? (
            <select name="outcome" aria-label={t('outcome')}>
              {(s.outcomes ?? OUTCOMES).map((o) => (
                <option value={o}>{term(p.lang, o)}</option>
              ))}
            </select>
          ) : null}
          <input
            name="message"
            aria-label={t('message')}
            placeholder={
              s.action === 'substantiate' || s.action === 'message' ? t('message') : t('optionalMessage')
            }
            maxlength={5000}
            required={s.action === 'substantiate' || s.action === 'message'}
          />
          <button type="submit" data-step={s.action} class={s.action === 'reject' ? 'danger' : undefined}>
            {t('go')}
          </button>
        </form>
      ))}
      <h2>{t('revealTitle')}</h2>
      <form method="post" action={`/console/complaints/${v.complaint_id}/reveal`} class="stack">
        {csrfField}
        <Field label={t('reason')} name="reason" hint={t('revealHint')} required>
          <input id="f-reason" name="reason" required minlength={5} maxlength={500} />
        </Field>
        <div>
          <button type="submit" class="secondary">
            {t('reveal')}
          </button>
        </div>
      </form>
    </Layout>
  );
};
