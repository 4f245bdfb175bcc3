import { DUE_WORKING_DAYS, SCOPES, STATUS_FILTERS, TEXT_LIMITS } from '../assistance/terms.ts';
import type { requestView } from '../assistance/views.ts';
import { term } from './i18n.ts';
import {
  Field,
  FilterForm,
  FilterSelect,
  Layout,
  Notice,
  type PageContext,
  PlatformFilter,
  TextField,
} from './layout.tsx';
import type { ConsoleGateway } from './types.ts';
import { DataTable, Status, When } from './ui.tsx';

// The assistance pages of the console (assistance-console.tsx serves them): the list of requests with the
// form that sends one, and a request with its answers and the cancel step.

export type View = ReturnType<typeof requestView>;

const StatusLabel = ({ p, v }: { p: PageContext; v: View }) => (
  <>
    <Status lang={p.lang} value={v.status} prefix="assistance_status." />
    {v.overdue ? (
      <strong class="sev sev-high">
        {' '}
        · <Status lang={p.lang} value="overdue" prefix="assistance_status." />
      </strong>
    ) : null}
    {v.late === true ? <strong class="sev sev-medium"> · {p.t('asstLate')}</strong> : null}
  </>
);

const scopeText = (p: PageContext, scope: string[]) =>
  scope.map((s) => term(p.lang, `assistance_scope.${s}`)).join(p.lang === 'zh' ? '、' : ', ');

export const ListPage = ({
  p,
  gw,
  csrf,
  filter,
  views,
  total,
  next,
  error,
  form = {},
}: {
  p: PageContext;
  gw: ConsoleGateway;
  csrf: string;
  filter: { status: string; platform: string };
  views: View[];
  total: number;
  next: number | null;
  error?: string;
  form?: Record<string, string>;
}) => {
  const { t } = p;
  const platforms = gw.accounts.listPlatforms();
  const link = (offset: number) =>
    `/console/assistance?status=${filter.status}${filter.platform ? `&platform=${encodeURIComponent(filter.platform)}` : ''}&offset=${offset}`;
  return (
    <Layout p={p} title={t('assistanceRequests')}>
      {error ? <Notice kind="error" text={error} /> : null}
      <FilterForm p={p} action="/console/assistance">
        <FilterSelect
          name="status"
          label={t('status')}
          all={['all', t('allStatuses')]}
          options={STATUS_FILTERS.filter((s) => s !== 'all').map(
            (s) => [s, term(p.lang, `assistance_status.${s}`)] as const,
          )}
          selected={filter.status}
        />
        <PlatformFilter p={p} platforms={platforms} selected={filter.platform} />
      </FilterForm>
      <DataTable
        testid="assistance-requests"
        empty={t('asstNone')}
        rows={views}
        columns={[
          {
            head: t('asstCaseNumber'),
            cell: (v) => (
              <a href={`/console/assistance/${v.request_id}`} data-raw>
                {v.case_number}
              </a>
            ),
          },
          { head: t('platform'), cell: (v) => v.platform },
          { head: t('sellerId'), cell: (v) => <span data-raw>{v.seller_id}</span> },
          { head: t('asstScope'), cell: (v) => scopeText(p, v.scope) },
          { head: t('asstDueDate'), cell: (v) => v.due_date },
          { head: t('status'), cell: (v) => <StatusLabel p={p} v={v} /> },
          { head: t('asstAnswers'), cell: (v) => v.answers.length },
        ]}
      />
      <p class="muted">
        {total} · {next !== null ? <a href={link(next)}>{t('nextPage')}</a> : null}
      </p>
      <form method="post" action="/console/assistance" class="stack card">
        <input type="hidden" name="_csrf" value={csrf} />
        <strong>{t('asstNew')}</strong>
        <Field label={t('platform')} name="platform" required>
          <select id="f-platform" name="platform" required>
            {platforms.map((x) => (
              <option value={x.slug} selected={x.slug === form.platform}>
                {x.slug} · {x.name}
              </option>
            ))}
          </select>
        </Field>
        {(
          [
            ['seller_id', t('sellerId'), 64],
            ['case_number', t('asstCaseNumber'), TEXT_LIMITS.case_number],
            ['legal_basis', t('legalBasis'), TEXT_LIMITS.legal_basis],
          ] as const
        ).map(([name, label, max]) => (
          <TextField label={label} name={name} required maxlength={max} value={form[name] ?? ''} />
        ))}
        <fieldset>
          <legend>{t('asstScope')} *</legend>
          {SCOPES.map((s) => (
            <label>
              <input type="checkbox" name={`scope_${s}`} value="yes" checked={form[`scope_${s}`] === 'yes'} />{' '}
              {term(p.lang, `assistance_scope.${s}`)}
            </label>
          ))}
        </fieldset>
        <TextField label={t('asstFrom')} name="from" type="date" required value={form.from ?? ''} />
        <TextField label={t('asstTo')} name="to" type="date" required value={form.to ?? ''} />
        <Field label={t('asstDueDays')} name="due_working_days">
          <input
            id="f-due_working_days"
            name="due_working_days"
            type="number"
            min={DUE_WORKING_DAYS.min}
            max={DUE_WORKING_DAYS.max}
            value={form.due_working_days ?? String(DUE_WORKING_DAYS.default)}
          />
        </Field>
        <Field label={t('note')} name="note">
          <textarea id="f-note" name="note" maxlength={TEXT_LIMITS.note}>
            {form.note ?? ''}
          </textarea>
        </Field>
        <div>
          <button type="submit">{t('asstSend')}</button>
        </div>
      </form>
    </Layout>
  );
};

export const DetailPage = ({
  p,
  csrf,
  v,
  notice,
  error,
}: {
  p: PageContext;
  csrf: string;
  v: View;
  notice?: string;
  error?: string;
}) => {
  const { t } = p;
  return (
    <Layout p={p} title={`${t('assistanceRequests')} · ${v.case_number}`}>
      {notice ? <Notice text={notice} /> : null}
      {error ? <Notice kind="error" text={error} /> : null}
      <dl data-testid="assistance-request">
        <dt>{t('status')}</dt>
        <dd>
          <StatusLabel p={p} v={v} />
        </dd>
        <dt>{t('platform')}</dt>
        <dd data-raw>{v.platform}</dd>
        <dt>{t('sellerId')}</dt>
        <dd data-raw>
          {v.subject_id ? <a href={`/console/subjects/${v.subject_id}`}>{v.seller_id}</a> : v.seller_id}
        </dd>
        <dt>{t('legalBasis')}</dt>
        <dd>{v.legal_basis}</dd>
        <dt>{t('asstScope')}</dt>
        <dd>{scopeText(p, v.scope)}</dd>
        <dt>{t('asstPeriod')}</dt>
        <dd>
          {v.from} – {v.to}
        </dd>
        {v.note ? (
          <>
            <dt>{t('note')}</dt>
            <dd data-raw>{v.note}</dd>
          </>
        ) : null}
        <dt>{t('asstRequestedAt')}</dt>
        <dd>
          <When lang={p.lang} iso={v.requested_at} />
        </dd>
        <dt>{t('asstDueDate')}</dt>
        <dd>
          {v.due_date} ({v.due_working_days} {t('asstDueDays')})
        </dd>
        <dt>{t('asstFirstViewed')}</dt>
        <dd>
          <When lang={p.lang} iso={v.first_viewed_at} />
        </dd>
        {v.cancel_reason ? (
          <>
            <dt>{t('reason')}</dt>
            <dd data-raw>{v.cancel_reason}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('asstAnswers')}</h2>
      <DataTable
        testid="assistance-answers"
        empty={t('asstNoAnswers')}
        rows={v.answers}
        columns={[
          {
            head: t('asstPart'),
            cell: (a) => (
              <>
                {a.part}
                {a.final ? <div class="muted">{t('asstFinal')}</div> : null}
              </>
            ),
          },
          { head: t('asstType'), cell: (a) => a.media_type },
          { head: t('asstBytes'), cell: (a) => a.bytes },
          { head: t('asstReceived'), cell: (a) => <When lang={p.lang} iso={a.received_at} /> },
          {
            head: t('status'),
            cell: (a) => (a.late ? <strong class="sev sev-medium">{t('asstLate')}</strong> : t('asstInTime')),
          },
          { head: 'SHA-256', cell: (a) => <code>{a.sha256.slice(0, 16)}…</code> },
          {
            head: '',
            cell: (a) => (
              <a href={`/console/assistance/${v.request_id}/answers/${a.answer_id}`}>{t('asstDownload')}</a>
            ),
          },
        ]}
      />
      <p class="muted">{t('asstTimesNote')}</p>
      {v.status === 'open' ? (
        <form method="post" action={`/console/assistance/${v.request_id}/cancel`} class="stack card">
          <input type="hidden" name="_csrf" value={csrf} />
          <Field label={t('reason')} name="reason" required>
            <textarea id="f-reason" name="reason" required maxlength={TEXT_LIMITS.cancel_reason}></textarea>
          </Field>
          <div>
            <button type="submit" class="secondary">
              {t('asstCancel')}
            </button>
          </div>
        </form>
      ) : null}
    </Layout>
  );
};
