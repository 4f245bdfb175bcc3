import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { NewRequestSchema } from '../assistance/schemas.ts';
import { cancelRequest, recordAnswerDownload, requestAssistance } from '../assistance/service.ts';
import { assistanceOf, type RequestRow } from '../assistance/store.ts';
import { AnswerFiles } from '../assistance/files.ts';
import {
  DUE_WORKING_DAYS,
  FILE_EXTENSIONS,
  SCOPES,
  STATUS_FILTERS,
  TEXT_LIMITS,
} from '../assistance/terms.ts';
import type { StatusFilter } from '../assistance/terms.ts';
import { requestView } from '../assistance/views.ts';
import { DomainError } from '../errors.ts';
import { statusOf } from '../http/errors.ts';
import { chinaToday } from '../lib/dates.ts';
import { refusal, term } from './i18n.ts';
import { When } from './ui.tsx';
import { Field, FilterSelect, Layout, Notice, type PageContext, render } from './layout.tsx';
import { notFoundPage } from './public-pages.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

const ULID = /^[0-9A-Z]{26}$/;
const PAGE = 50;

type View = ReturnType<typeof requestView>;

const StatusLabel = ({ p, v }: { p: PageContext; v: View }) => (
  <>
    {term(p.lang, `assistance_status.${v.status}`)}
    {v.overdue ? <strong class="sev sev-high"> · {term(p.lang, 'assistance_status.overdue')}</strong> : null}
    {v.late === true ? <strong class="sev sev-medium"> · {p.t('asstLate')}</strong> : null}
  </>
);

const scopeText = (p: PageContext, scope: string[]) =>
  scope.map((s) => term(p.lang, `assistance_scope.${s}`)).join(p.lang === 'zh' ? '、' : ', ');

/**
 * Assistance requests (issue 16 part 4): the list (open first, with due dates and late flags), a request
 * with its answers (downloaded through the session, audited), the form that sends one and the cancel
 * step, each one call of a verb in src/assistance/ (which owns the transaction and the audit).
 */
export function assistanceConsole(gw: ConsoleGateway) {
  const app = new Hono<ConsoleEnv>();
  const store = assistanceOf(gw.db);
  const files = AnswerFiles.of(gw.config.dataDir);
  const actor = (c: Context<ConsoleEnv>) => `regulator:${c.get('session').regulator.id}`;

  const listPage = (
    c: Context<ConsoleEnv>,
    extra: { error?: string; form?: Record<string, string> } = {},
    status = 200,
  ) => {
    const query = (name: string) => c.req.query(name) ?? '';
    const filter = (
      (STATUS_FILTERS as readonly string[]).includes(query('status')) ? query('status') : 'all'
    ) as StatusFilter;
    const platform = query('platform') ? gw.accounts.platformBySlug(query('platform')) : undefined;
    const offset = Math.max(0, Math.trunc(Number(query('offset'))) || 0);
    const f = { status: filter, platformId: platform?.id, today: chinaToday() };
    const rows = store.list({ ...f, limit: PAGE, offset });
    const total = store.count(f);
    const next = offset + PAGE < total ? offset + PAGE : null;
    return render(
      c,
      <ListPage
        p={c.get('page')}
        gw={gw}
        csrf={c.get('session').csrf}
        filter={{ status: filter, platform: platform?.slug ?? '' }}
        views={rows.map((r) => requestView(gw, r, 'regulator'))}
        total={total}
        next={next}
        {...extra}
      />,
      status,
    );
  };

  app.get('/console/assistance', (c) => listPage(c));

  app.post('/console/assistance', (c) => {
    const form = c.get('form');
    const days = (form.due_working_days ?? '').trim();
    const input = {
      platform: form.platform ?? '',
      seller_id: (form.seller_id ?? '').trim(),
      legal_basis: form.legal_basis ?? '',
      case_number: form.case_number ?? '',
      scope: SCOPES.filter((s) => form[`scope_${s}`] === 'yes'),
      from: form.from ?? '',
      to: form.to ?? '',
      ...(days ? { due_working_days: /^\d{1,3}$/.test(days) ? Number(days) : Number.NaN } : {}),
      ...((form.note ?? '').trim() ? { note: form.note } : {}),
    };
    const parsed = NewRequestSchema.safeParse(input);
    if (!parsed.success) {
      const error = parsed.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`).join('; ');
      return listPage(c, { error, form }, 400);
    }
    try {
      const row = requestAssistance(gw, parsed.data, actor(c));
      return c.redirect(`/console/assistance/${row.id}?done=created`, 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return listPage(c, { error: refusal(c.get('page').lang, err), form }, statusOf(err));
    }
  });

  const byId = (id: string) => (ULID.test(id) ? store.byId(id) : undefined);
  const detail = (
    c: Context<ConsoleEnv>,
    row: RequestRow,
    extra: { notice?: string; error?: string } = {},
    status = 200,
  ) =>
    render(
      c,
      <DetailPage
        p={c.get('page')}
        csrf={c.get('session').csrf}
        v={requestView(gw, row, 'regulator')}
        {...extra}
      />,
      status,
    );

  app.get('/console/assistance/:id', (c) => {
    const row = byId(c.req.param('id'));
    if (!row) return notFoundPage(c, c.get('page'));
    const p = c.get('page');
    const done = { created: p.t('asstSent'), cancelled: p.t('asstCancelled') }[c.req.query('done') ?? ''];
    return detail(c, row, done ? { notice: `${done} ✓` } : {});
  });

  app.post('/console/assistance/:id/cancel', (c) => {
    const row = byId(c.req.param('id'));
    if (!row) return notFoundPage(c, c.get('page'));
    const reason = (c.get('form').reason ?? '').trim();
    if (!reason || reason.length > TEXT_LIMITS.cancel_reason)
      return detail(c, row, { error: `${c.get('page').t('reason')}: 1–${TEXT_LIMITS.cancel_reason}` }, 400);
    try {
      cancelRequest(gw, row.id, reason, actor(c));
      return c.redirect(`/console/assistance/${row.id}?done=cancelled`, 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return detail(c, store.byId(row.id)!, { error: refusal(c.get('page').lang, err) }, statusOf(err));
    }
  });

  app.get('/console/assistance/:id/answers/:answer', (c) => {
    const row = byId(c.req.param('id'));
    const answerId = c.req.param('answer');
    const answer = row && ULID.test(answerId) ? store.answer(row.id, answerId) : undefined;
    if (!row || !answer || !files.has(answer.sha256)) return notFoundPage(c, c.get('page'));
    recordAnswerDownload(gw, answer, actor(c), 'console');
    return c.body(Readable.toWeb(files.open(answer.sha256)) as ReadableStream<Uint8Array>, 200, {
      'content-type': answer.media_type,
      'content-length': String(answer.bytes),
      'content-disposition': `attachment; filename="${row.id}-part${answer.part}.${FILE_EXTENSIONS[answer.media_type]}"`,
      'x-content-type-options': 'nosniff',
    });
  });
  return app;
}

const ListPage = ({
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
      <form method="get" action="/console/assistance" class="inline" role="search">
        <FilterSelect
          name="status"
          label={t('status')}
          all={['all', t('allStatuses')]}
          options={STATUS_FILTERS.filter((s) => s !== 'all').map(
            (s) => [s, term(p.lang, `assistance_status.${s}`)] as const,
          )}
          selected={filter.status}
        />
        <FilterSelect
          name="platform"
          label={t('platform')}
          all={['', t('allPlatforms')]}
          options={platforms.map((x) => [x.slug, x.slug] as const)}
          selected={filter.platform}
        />
        <button type="submit" class="secondary">
          {t('show')}
        </button>
      </form>
      {views.length === 0 ? (
        <p>{t('asstNone')}</p>
      ) : (
        <table data-testid="assistance-requests">
          <thead>
            <tr>
              <th>{t('asstCaseNumber')}</th>
              <th>{t('platform')}</th>
              <th>{t('sellerId')}</th>
              <th>{t('asstScope')}</th>
              <th>{t('asstDueDate')}</th>
              <th>{t('status')}</th>
              <th>{t('asstAnswers')}</th>
            </tr>
          </thead>
          <tbody>
            {views.map((v) => (
              <tr>
                <td>
                  <a href={`/console/assistance/${v.request_id}`}>{v.case_number}</a>
                </td>
                <td>{v.platform}</td>
                <td>{v.seller_id}</td>
                <td>{scopeText(p, v.scope)}</td>
                <td>{v.due_date}</td>
                <td>
                  <StatusLabel p={p} v={v} />
                </td>
                <td>{v.answers.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
        <Field label={t('sellerId')} name="seller_id" required>
          <input id="f-seller_id" name="seller_id" required maxlength={64} value={form.seller_id ?? ''} />
        </Field>
        <Field label={t('asstCaseNumber')} name="case_number" required>
          <input
            id="f-case_number"
            name="case_number"
            required
            maxlength={TEXT_LIMITS.case_number}
            value={form.case_number ?? ''}
          />
        </Field>
        <Field label={t('legalBasis')} name="legal_basis" required>
          <input
            id="f-legal_basis"
            name="legal_basis"
            required
            maxlength={TEXT_LIMITS.legal_basis}
            value={form.legal_basis ?? ''}
          />
        </Field>
        <fieldset>
          <legend>{t('asstScope')} *</legend>
          {SCOPES.map((s) => (
            <label>
              <input type="checkbox" name={`scope_${s}`} value="yes" checked={form[`scope_${s}`] === 'yes'} />{' '}
              {term(p.lang, `assistance_scope.${s}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t('asstFrom')} name="from" required>
          <input id="f-from" name="from" type="date" required value={form.from ?? ''} />
        </Field>
        <Field label={t('asstTo')} name="to" required>
          <input id="f-to" name="to" type="date" required value={form.to ?? ''} />
        </Field>
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

const DetailPage = ({
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
      {v.answers.length === 0 ? (
        <p>{t('asstNoAnswers')}</p>
      ) : (
        <table data-testid="assistance-answers">
          <thead>
            <tr>
              <th>{t('asstPart')}</th>
              <th>{t('asstType')}</th>
              <th>{t('asstBytes')}</th>
              <th>{t('asstReceived')}</th>
              <th>{t('status')}</th>
              <th>SHA-256</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {v.answers.map((a) => (
              <tr>
                <td>
                  {a.part}
                  {a.final ? <div class="muted">{t('asstFinal')}</div> : null}
                </td>
                <td>{a.media_type}</td>
                <td>{a.bytes}</td>
                <td>
                  <When lang={p.lang} iso={a.received_at} />
                </td>
                <td>{a.late ? <strong class="sev sev-medium">{t('asstLate')}</strong> : t('asstInTime')}</td>
                <td>
                  <code>{a.sha256.slice(0, 16)}…</code>
                </td>
                <td>
                  <a href={`/console/assistance/${v.request_id}/answers/${a.answer_id}`}>
                    {t('asstDownload')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
