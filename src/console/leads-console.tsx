import { Hono, type Context } from 'hono';
import { storedFileName } from '../complaints/files.ts';
import { DomainError } from '../errors.ts';
import { statusOf } from '../http/errors.ts';
import { leadFileStore } from '../leads/files.ts';
import { ReasonSchema, SHA256, ULID } from '../leads/schemas.ts';
import { assignLead, closeLead, dismissLead, linkLead } from '../leads/workflow.ts';
import { type LeadQueueFilter, type LeadRow, leadsStore } from '../leads/store.ts';
import { LEAD_CATEGORIES, LEAD_STATUSES, type LeadStatus } from '../leads/terms.ts';
import { type LeadView, leadView } from '../leads/views.ts';
import { riskStore } from '../risk/store.ts';
import { refusal, term } from './i18n.ts';
import { type PageContext, Field, FilterSelect, Layout, Notice, render } from './layout.tsx';
import { notFoundPage } from './public-pages.tsx';
import { When } from './ui.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

/** Leads a page of the queue shows. */
const QUEUE_PAGE = 50;
/** A link target as the form's choice names it. */
const TARGET = /^(penalty|warning):([0-9A-Z]{26})$/;
const MAX_ASSIGNEE = 200;

/** A lead term (status, category, measure, step) in the reader's language. */
const leadTerm = (p: PageContext, value: string | null) =>
  value === null ? '—' : term(p.lang, `lead.${value}`);

/**
 * The regulators' lead pages: the queue (open leads oldest first, by status, platform and category), a
 * lead with its goods, records, measures, attachments, links and steps, and the regulator's steps as
 * forms, each one call of the verb in src/leads/service.ts (which owns the transaction and the audit).
 */
export function leadsConsole(gw: ConsoleGateway) {
  const app = new Hono<ConsoleEnv>();
  const store = leadsStore(gw.db);
  const actor = (c: Context<ConsoleEnv>) => `regulator:${c.get('session').regulator.id}`;

  app.get('/console/leads', (c) => {
    const p = c.get('page');
    const query = (name: string) => c.req.query(name) ?? '';
    const status = (LEAD_STATUSES as readonly string[]).includes(query('status'))
      ? (query('status') as LeadStatus)
      : query('status') === 'all'
        ? 'all'
        : 'open';
    const category = (LEAD_CATEGORIES as readonly string[]).includes(query('category'))
      ? query('category')
      : '';
    const platform = query('platform') ? gw.accounts.platformBySlug(query('platform')) : undefined;
    const filter: LeadQueueFilter = { status, platform_id: platform?.id, category: category || undefined };
    const total = store.queueCount(filter);
    const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE));
    const pageNo = Math.min(pages, Math.max(1, Math.trunc(Number(query('page'))) || 1));
    const rows = store.queue(filter, QUEUE_PAGE, (pageNo - 1) * QUEUE_PAGE);
    const link = (n: number) => {
      const q = new URLSearchParams({ status, page: String(n) });
      if (platform) q.set('platform', platform.slug);
      if (category) q.set('category', category);
      return `/console/leads?${q}`;
    };
    return render(
      c,
      <Layout p={p} title={p.t('leadQueue')}>
        <form method="get" action="/console/leads" class="inline" role="search">
          <select name="status" aria-label={p.t('status')}>
            <option value="open">{p.t('leadOpen')}</option>
            <option value="all" selected={status === 'all'}>
              {p.t('allStatuses')}
            </option>
            {LEAD_STATUSES.map((s) => (
              <option value={s} selected={s === status}>
                {leadTerm(p, s)}
              </option>
            ))}
          </select>
          <FilterSelect
            name="platform"
            label={p.t('platform')}
            all={['', p.t('allPlatforms')]}
            options={gw.accounts.listPlatforms().map((pl) => [pl.slug, pl.slug] as const)}
            selected={platform?.slug}
          />
          <FilterSelect
            name="category"
            label={p.t('leadCategory')}
            all={['', p.t('allCategories')]}
            options={LEAD_CATEGORIES.map((k) => [k, leadTerm(p, k)] as const)}
            selected={category}
          />
          <button type="submit" class="secondary">
            {p.t('show')}
          </button>
        </form>
        <table data-testid="lead-queue">
          <thead>
            <tr>
              <th>{p.t('submittedAt')}</th>
              <th>{p.t('leadCategory')}</th>
              <th>{p.t('platform')}</th>
              <th>{p.t('leadSeller')}</th>
              <th>{p.t('leadFoundOn')}</th>
              <th>{p.t('status')}</th>
              <th>{p.t('assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr data-lead={row.id}>
                <td class="nowrap">
                  <a href={`/console/leads/${row.id}`}>
                    <When lang={p.lang} iso={row.submitted_at} />
                  </a>
                </td>
                <td>{leadTerm(p, row.category)}</td>
                <td>{gw.accounts.platformById(row.platform_id)?.slug}</td>
                <td data-raw>
                  {row.store_name} <span class="muted">({row.seller_id})</span>
                </td>
                <td class="nowrap">{row.found_on}</td>
                <td>{leadTerm(p, row.status)}</td>
                <td data-raw>{row.assignee ? actorName(gw, row.assignee) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p class="muted">{p.t('noLeads')}</p> : null}
        <nav class="pager" aria-label={p.t('pages')} data-testid="lead-pages">
          <span class="muted">
            {total === 0
              ? '0'
              : `${(pageNo - 1) * QUEUE_PAGE + 1}–${(pageNo - 1) * QUEUE_PAGE + rows.length} / ${total}`}
          </span>{' '}
          {pageNo > 1 ? (
            <a href={link(pageNo - 1)} rel="prev">
              {p.t('previousPage')}
            </a>
          ) : null}{' '}
          {pageNo < pages ? (
            <a href={link(pageNo + 1)} rel="next">
              {p.t('nextPage')}
            </a>
          ) : null}
        </nav>
      </Layout>,
    );
  });

  const byId = (id: string) => (ULID.test(id) ? store.byId(id) : undefined);
  const page = (
    c: Context<ConsoleEnv>,
    row: LeadRow,
    extra: { notice?: string; error?: string } = {},
    status = 200,
  ) =>
    render(
      c,
      <LeadPage
        p={c.get('page')}
        gw={gw}
        csrf={c.get('session').csrf}
        row={row}
        v={leadView(gw, row, 'regulator')}
        {...extra}
      />,
      status,
    );

  app.get('/console/leads/:id', (c) => {
    const row = byId(c.req.param('id'));
    if (!row) return notFoundPage(c, c.get('page'));
    const done = c.req.query('done') ?? '';
    const notice = ['assign', 'link', 'dismiss', 'close'].includes(done)
      ? `${leadTerm(c.get('page'), done)} ✓`
      : undefined;
    return page(c, row, notice ? { notice } : {});
  });

  app.get('/console/leads/:id/files/:sha256', async (c) => {
    const row = byId(c.req.param('id'));
    const sha = c.req.param('sha256');
    const file = row && SHA256.test(sha) ? store.file(row.id, sha) : undefined;
    const bytes = file ? await leadFileStore(gw).get(sha) : undefined;
    if (!file || !bytes) return notFoundPage(c, c.get('page'));
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': file.media_type,
      'content-disposition': `attachment; filename="${storedFileName(file.sha256, file.media_type)}"`,
      'content-security-policy': "sandbox; default-src 'none'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  });

  /** Runs a verb and goes back to the lead; a refusal is shown there with the status the API gives. */
  const act = (c: Context<ConsoleEnv>, row: LeadRow, step: string, verb: () => unknown) => {
    try {
      verb();
      return c.redirect(`/console/leads/${row.id}?done=${step}`, 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return page(c, store.byId(row.id)!, { error: refusal(c.get('page').lang, err) }, statusOf(err));
    }
  };
  const field = (c: Context<ConsoleEnv>, name: string) => (c.get('form')[name] ?? '').trim();

  app.post('/console/leads/:id/assign', (c) => {
    const row = byId(c.req.param('id'));
    if (!row) return notFoundPage(c, c.get('page'));
    const assignee = field(c, 'assignee');
    if (assignee.length > MAX_ASSIGNEE)
      return page(c, row, { error: `${c.get('page').t('assignee')}: 1–${MAX_ASSIGNEE}` }, 400);
    return act(c, row, 'assign', () => assignLead(gw, row.id, assignee ? { assignee } : {}, actor(c)));
  });

  app.post('/console/leads/:id/link', (c) => {
    const row = byId(c.req.param('id'));
    if (!row) return notFoundPage(c, c.get('page'));
    // A typed id wins over the choice; a bare id is tried as a penalty, then as a warning.
    const typed = field(c, 'target_id').toUpperCase();
    const chosen = TARGET.exec(field(c, 'target'));
    let target: { penalty_id: string } | { warning_id: string } | null = null;
    if (ULID.test(typed))
      target = gw.creditRecords.penalty(typed) ? { penalty_id: typed } : { warning_id: typed };
    else if (!typed && chosen)
      target = chosen[1] === 'penalty' ? { penalty_id: chosen[2]! } : { warning_id: chosen[2]! };
    if (!target) return page(c, row, { error: c.get('page').t('leadNeedsTarget') }, 400);
    const note = field(c, 'note');
    if (note.length > 2000) return page(c, row, { error: `${c.get('page').t('note')}: 1–2000` }, 400);
    const input = { ...target, ...(note ? { note } : {}) };
    return act(c, row, 'link', () => linkLead(gw, row.id, input, actor(c)));
  });

  for (const step of ['dismiss', 'close'] as const) {
    app.post(`/console/leads/:id/${step}`, (c) => {
      const row = byId(c.req.param('id'));
      if (!row) return notFoundPage(c, c.get('page'));
      const parsed = ReasonSchema.safeParse({ reason: c.get('form').reason ?? '' });
      if (!parsed.success) return page(c, row, { error: `${c.get('page').t('reason')}: 1–2000` }, 400);
      const verb = step === 'dismiss' ? dismissLead : closeLead;
      return act(c, row, step, () => verb(gw, row.id, parsed.data, actor(c)));
    });
  }
  return app;
}

/** An actor (`regulator:<id>`) by the regulator's name, else as written. */
function actorName(gw: ConsoleGateway, actor: string): string {
  const m = /^regulator:(\d+)$/.exec(actor);
  return (m && gw.accounts.regulatorById(Number(m[1]))?.name) || actor;
}

const LeadPage = ({
  p,
  gw,
  csrf,
  row,
  v,
  notice,
  error,
}: {
  p: PageContext;
  gw: ConsoleGateway;
  csrf: string;
  row: LeadRow;
  v: LeadView;
  notice?: string | undefined;
  error?: string | undefined;
}) => {
  const { t } = p;
  const csrfField = <input type="hidden" name="_csrf" value={csrf} />;
  const steps = 'next_steps' in v ? (v.next_steps ?? []) : [];
  const penalties = gw.creditRecords.penaltiesOf(row.subject_id).filter((x) => !x.withdrawn_at);
  const warnings = riskStore(gw.db)
    .ofSubject(row.subject_id)
    .concat(
      riskStore(gw.db)
        .list({ platform_id: row.platform_id, limit: 200 })
        .filter((w) => w.seller_id === row.seller_id && !w.subject_id),
    );
  const subjectName = gw.sellers.subject(row.subject_id)?.legal_name;
  return (
    <Layout p={p} title={`${t('leads')} · ${leadTerm(p, row.category)}`} titleRaw={row.store_name}>
      {notice ? <Notice text={notice} /> : null}
      {error ? <Notice kind="error" text={error} /> : null}
      <dl class="facts">
        <dt>{t('status')}</dt>
        <dd data-testid="status">{leadTerm(p, row.status)}</dd>
        <dt>{t('platform')}</dt>
        <dd>{v.platform}</dd>
        <dt>{t('leadSeller')}</dt>
        <dd>
          <a href={`/console/subjects/${row.subject_id}`}>{subjectName ?? row.subject_id}</a> ·{' '}
          <span data-raw>
            {row.store_name} ({row.seller_id})<div class="muted">{row.store_url}</div>
          </span>
        </dd>
        <dt>{t('leadCategory')}</dt>
        <dd>{leadTerm(p, row.category)}</dd>
        <dt>{t('leadFoundOn')}</dt>
        <dd>{row.found_on}</dd>
        <dt>{t('submittedAt')}</dt>
        <dd>
          <When lang={p.lang} iso={row.submitted_at} />
        </dd>
        <dt>{t('leadReference')}</dt>
        <dd>{row.reference ?? '—'}</dd>
        <dt>{t('assignee')}</dt>
        <dd data-testid="assignee" data-raw>
          {row.assignee ? actorName(gw, row.assignee) : '—'}
        </dd>
        {v.decision ? (
          <>
            <dt>{t('decision')}</dt>
            <dd data-testid="decision">
              {leadTerm(p, v.decision.status)}: {v.decision.reason}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t('leadFound')}</h2>
      <p class="card" data-testid="found" data-raw>
        {v.found}
      </p>
      <h2>{t('leadGoods')}</h2>
      <table data-testid="goods">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('leadSku')}</th>
            <th>{t('leadLinkUrl')}</th>
          </tr>
        </thead>
        <tbody>
          {v.goods.map((g) => (
            <tr>
              <td>{g.name}</td>
              <td>{g.sku ?? '—'}</td>
              <td>{g.url ? <code>{g.url}</code> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="grid">
        <section>
          <h2>{t('leadRecords')}</h2>
          <ul data-testid="records">
            {v.records.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </section>
        <section>
          <h2>{t('leadMeasures')}</h2>
          <ul data-testid="measures">
            {v.measures.map((m) => (
              <li>
                {leadTerm(p, m.measure)}
                {m.taken_on ? <span class="muted"> · {m.taken_on}</span> : null}
              </li>
            ))}
          </ul>
          {v.measures_note ? <p>{v.measures_note}</p> : null}
        </section>
      </div>
      <h2>{t('leadFiles')}</h2>
      {v.files.length === 0 ? <p class="muted">{t('none')}</p> : null}
      <ul data-testid="files">
        {v.files.map((f) => (
          <li>
            <a href={`/console/leads/${row.id}/files/${f.sha256}`}>{f.name}</a>{' '}
            <span class="muted">
              {f.media_type} · {f.size} B
            </span>
          </li>
        ))}
      </ul>
      <h2>{t('leadLinks')}</h2>
      {v.links.length === 0 ? <p class="muted">{t('none')}</p> : null}
      <ul data-testid="links">
        {v.links.map((l) => (
          <li>
            {leadTerm(p, l.kind)}:{' '}
            {'penalty_id' in l && l.penalty_id ? (
              <a href={`/console/subjects/${row.subject_id}`}>
                {'decision_number' in l ? l.decision_number : l.penalty_id}
              </a>
            ) : 'warning_id' in l ? (
              <a href={`/console/risk/${l.warning_id}`}>{term(p.lang, l.signal ?? l.warning_id)}</a>
            ) : null}{' '}
            <span class="muted">
              <When lang={p.lang} iso={l.linked_at} />
              {'note' in l && l.note ? ` · ${l.note}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <h2>{t('steps')}</h2>
      <table data-testid="steps">
        <thead>
          <tr>
            <th>{t('when')}</th>
            <th>{t('who')}</th>
            <th>{t('event')}</th>
            <th>{t('status')}</th>
            <th>{t('note')}</th>
          </tr>
        </thead>
        <tbody>
          {v.events.map((e) => (
            <tr>
              <td class="nowrap">
                <When lang={p.lang} iso={e.at} />
              </td>
              <td data-raw>{actorName(gw, e.actor)}</td>
              <td>{leadTerm(p, e.action)}</td>
              <td>{leadTerm(p, e.to)}</td>
              <td data-raw>{e.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {steps.length ? <h2>{t('actions')}</h2> : null}
      {steps.includes('assign') ? (
        <form method="post" action={`/console/leads/${row.id}/assign`} class="inline card">
          {csrfField}
          <strong>{t('leadAssign')}</strong>
          <input
            name="assignee"
            maxlength={MAX_ASSIGNEE}
            aria-label={t('assignee')}
            placeholder={`${t('assignee')} (${t('yourself')})`}
            title={t('assigneeHint')}
          />
          <button type="submit" class="secondary" data-step="assign">
            {t('leadAssign')}
          </button>
        </form>
      ) : null}
      {steps.includes('link') ? (
        <form method="post" action={`/console/leads/${row.id}/link`} class="stack card">
          {csrfField}
          <strong>{t('leadLink')}</strong>
          <span class="muted">{t('leadLinkHint')}</span>
          {penalties.length + warnings.length ? (
            <Field label={t('ledTo')} name="target">
              <select id="f-target" name="target">
                <option value="">—</option>
                {penalties.length ? (
                  <optgroup label={t('penalties')}>
                    {penalties.map((x) => (
                      <option value={`penalty:${x.id}`}>
                        {x.decision_number} · {x.decided_on}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {warnings.length ? (
                  <optgroup label={t('risk')}>
                    {warnings.map((w) => (
                      <option value={`warning:${w.id}`}>
                        {term(p.lang, w.signal)} · {term(p.lang, w.status)} ·{' '}
                        <When lang={p.lang} iso={w.first_seen} date />
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            </Field>
          ) : (
            <p class="notice warn">{t('leadNoTargets')}</p>
          )}
          <Field label={t('leadTargetId')} name="target_id">
            <input id="f-target_id" name="target_id" maxlength={26} pattern="[0-9A-Za-z]{26}" />
          </Field>
          <Field label={t('note')} name="link-note">
            <input id="f-link-note" name="note" maxlength={2000} />
          </Field>
          <div>
            <button type="submit" data-step="link">
              {t('leadLink')}
            </button>
          </div>
        </form>
      ) : null}
      {(['close', 'dismiss'] as const)
        .filter((s) => steps.includes(s))
        .map((s) => (
          <form method="post" action={`/console/leads/${row.id}/${s}`} class="stack card">
            {csrfField}
            <strong>{t(s === 'close' ? 'leadClose' : 'leadDismiss')}</strong>
            <Field
              label={t('reason')}
              name={`${s}-reason`}
              hint={t(s === 'close' ? 'leadCloseHint' : 'leadDismissHint')}
              required
            >
              <textarea id={`f-${s}-reason`} name="reason" required maxlength={2000}></textarea>
            </Field>
            <div>
              <button type="submit" data-step={s} class={s === 'dismiss' ? 'danger' : undefined}>
                {t(s === 'close' ? 'leadClose' : 'leadDismiss')}
              </button>
            </div>
          </form>
        ))}
    </Layout>
  );
};
