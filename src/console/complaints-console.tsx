import { Hono, type Context } from 'hono';
import { statusOf } from '../http/errors.ts';
import { RegulatorStepSchema } from '../complaints/routes.ts';
import { complaintStep } from '../complaints/service.ts';
import type { ComplaintRow } from '../complaints/store.ts';
import { complaintView, revealComplainant } from '../complaints/views.ts';
import {
  type ComplaintAction,
  COMPLAINT_STATUSES,
  OUTCOMES,
  REJECTION_REASONS,
} from '../complaints/workflow.ts';
import { DomainError } from '../errors.ts';
import { chinaToday } from '../lib/dates.ts';
import { addWorkingDays } from '../lib/working-days.ts';
import { StepsTable } from './complaint-pages.tsx';
import { dueBucket } from './dashboard.tsx';
import { refusal, term } from './i18n.ts';
import { When } from './ui.tsx';
import { type PageContext, Field, Layout, Notice, render } from './layout.tsx';
import { notFoundPage } from './public-pages.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

const ULID = /^[0-9A-Z]{26}$/;
const REGULATOR_STEPS = [
  'accept',
  'reject',
  'forward',
  'mediate',
  'close',
  'substantiate',
  'message',
] as const;

/** Complaints a page of the queue shows. */
const QUEUE_PAGE = 100;

/** The complaint queue by deadline, a complaint with every step, the regulator's steps and the audited reveal. */
export function complaintConsole(gw: ConsoleGateway) {
  const app = new Hono<ConsoleEnv>();
  const actor = (c: Context<ConsoleEnv>) => `regulator:${c.get('session').regulator.id}`;

  app.get('/console/complaints', (c) => {
    const p = c.get('page');
    const requested = c.req.query('status') ?? 'open';
    const status = (COMPLAINT_STATUSES as readonly string[]).includes(requested)
      ? (requested as (typeof COMPLAINT_STATUSES)[number])
      : 'open';
    const total = gw.complaints.queueCount(status);
    const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE));
    const pageNo = Math.min(pages, Math.max(1, Math.trunc(Number(c.req.query('page'))) || 1));
    const rows = gw.complaints.queue(status, QUEUE_PAGE, (pageNo - 1) * QUEUE_PAGE);
    const pageLink = (n: number) => `/console/complaints?status=${status}&page=${n}`;
    const today = chinaToday();
    const soon = addWorkingDays(today, 3, gw.calendar);
    const dueLabel: Record<string, string> = {
      overdue: p.t('overdue'),
      today: p.t('dueToday'),
      soon: p.t('dueSoon'),
      later: p.t('dueLater'),
      none: p.t('noDeadline'),
    };
    return render(
      c,
      <Layout p={p} title={p.t('queue')}>
        <form method="get" action="/console/complaints" class="inline">
          <select name="status" aria-label={p.t('status')}>
            <option value="open">{p.t('openByStatus')}</option>
            {COMPLAINT_STATUSES.map((s) => (
              <option value={s} selected={s === status}>
                {term(p.lang, s)}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {p.t('show')}
          </button>
        </form>
        <table data-testid="queue">
          <thead>
            <tr>
              <th>{p.t('due')}</th>
              <th>{p.t('trackingCode')}</th>
              <th>{p.t('status')}</th>
              <th>{p.t('category')}</th>
              <th>{p.t('platform')}</th>
              <th>{p.t('storeUrl')}</th>
              <th>{p.t('submittedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const bucket = dueBucket(row.next_due, today, soon);
              return (
                <tr>
                  <td class="nowrap">
                    <span class={`due-${bucket === 'today' ? 'today' : bucket}`} title={dueLabel[bucket]}>
                      {row.next_due ?? '—'}
                    </span>{' '}
                    <span class="muted">{dueLabel[bucket]}</span>
                  </td>
                  <td>
                    <a href={`/console/complaints/${row.id}`}>{row.tracking_code}</a>
                  </td>
                  <td>{term(p.lang, row.status)}</td>
                  <td>{term(p.lang, row.category)}</td>
                  <td>{gw.accounts.platformById(row.platform_id)?.slug}</td>
                  <td data-raw>{row.store_url ?? row.seller_id ?? '—'}</td>
                  <td class="nowrap">
                    <When lang={p.lang} iso={row.submitted_at} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <nav class="pager" aria-label={p.t('pages')} data-testid="queue-pages">
          <span class="muted">
            {total === 0
              ? '0'
              : `${(pageNo - 1) * QUEUE_PAGE + 1}–${(pageNo - 1) * QUEUE_PAGE + rows.length} / ${total}`}
          </span>{' '}
          {pageNo > 1 ? (
            <a href={pageLink(pageNo - 1)} rel="prev">
              {p.t('previousPage')}
            </a>
          ) : null}{' '}
          {pageNo < pages ? (
            <a href={pageLink(pageNo + 1)} rel="next">
              {p.t('nextPage')}
            </a>
          ) : null}
        </nav>
      </Layout>,
    );
  });

  const byId = (id: string) => (ULID.test(id) ? gw.complaints.byId(id) : undefined);
  const page = (
    c: Context<ConsoleEnv>,
    row: ComplaintRow,
    extra: { notice?: string; error?: string; revealed?: ReturnType<typeof revealComplainant> } = {},
    status = 200,
  ) =>
    render(
      c,
      <RegulatorComplaint
        p={c.get('page')}
        csrf={c.get('session').csrf}
        v={complaintView(gw, row, 'regulator')}
        {...extra}
      />,
      status,
    );

  app.get('/console/complaints/:id', (c) => {
    const row = byId(c.req.param('id'));
    return row ? page(c, row) : notFoundPage(c, c.get('page'));
  });

  app.post('/console/complaints/:id/steps', (c) => {
    const row = byId(c.req.param('id'));
    if (!row) return notFoundPage(c, c.get('page'));
    const f = c.get('form');
    const message = f.message?.trim() || undefined;
    const candidate: Record<string, unknown> = { type: f.type, ...(message ? { message } : {}) };
    if (f.type === 'reject') candidate.reason = f.reason;
    if (f.type === 'close') candidate.outcome = f.outcome;
    const parsed = RegulatorStepSchema.safeParse(candidate);
    if (!parsed.success)
      return page(
        c,
        row,
        { error: parsed.error.issues.map((i) => `${i.path.join('.') || 'type'}: ${i.message}`).join('; ') },
        400,
      );
    try {
      const result = complaintStep(gw, row.id, parsed.data as ComplaintAction, {
        role: 'regulator',
        id: actor(c),
      });
      return page(c, result.row, { notice: `${term(c.get('page').lang, parsed.data.type)} ✓` });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return page(c, gw.complaints.byId(row.id)!, { error: refusal(c.get('page').lang, err) }, statusOf(err));
    }
  });

  app.post('/console/complaints/:id/reveal', (c) => {
    const row = byId(c.req.param('id'));
    if (!row) return notFoundPage(c, c.get('page'));
    const reason = (c.get('form').reason ?? '').trim();
    if (reason.length < 5 || reason.length > 500)
      return page(c, row, { error: `${c.get('page').t('reason')}: 5–500` }, 400);
    const revealed = revealComplainant(gw, row, { actor: actor(c), reason, via: 'console' });
    return page(c, row, { revealed });
  });
  return app;
}

type RegulatorView = ReturnType<typeof complaintView>;

const RegulatorComplaint = ({
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
