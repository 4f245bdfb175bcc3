import { Hono, type Context } from 'hono';
import { storedFileName } from '../complaints/files.ts';
import { DomainError } from '../errors.ts';
import { statusOf } from '../http/errors.ts';
import { leadFileStore } from '../leads/files.ts';
import { ReasonSchema, SHA256, ULID } from '../leads/schemas.ts';
import { assignLead, closeLead, dismissLead, linkLead } from '../leads/workflow.ts';
import { type LeadQueueFilter, type LeadRow, leadsStore } from '../leads/store.ts';
import { LEAD_CATEGORIES, LEAD_STATUSES, type LeadStatus } from '../leads/terms.ts';
import { leadView } from '../leads/views.ts';
import { refusal } from './i18n.ts';
import { FilterForm, FilterSelect, Layout, PlatformFilter, render } from './layout.tsx';
import { LeadPage, leadTerm, MAX_ASSIGNEE } from './lead-page.tsx';
import { notFoundPage } from './public-pages.tsx';
import { DataTable, numberedPage, Pager, Status, When } from './ui.tsx';
import { actorName } from './regulator-parts.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

/** Leads a page of the queue shows. */
const QUEUE_PAGE = 50;
/** A link target as the form's choice names it. */
const TARGET = /^(penalty|warning):([0-9A-Z]{26})$/;

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
    const { offset } = numberedPage(query('page'), total, QUEUE_PAGE);
    const rows = store.queue(filter, QUEUE_PAGE, offset);
    const link = (n: number) => {
      const q = new URLSearchParams({ status, page: String(n) });
      if (platform) q.set('platform', platform.slug);
      if (category) q.set('category', category);
      return `/console/leads?${q}`;
    };
    return render(
      c,
      <Layout p={p} title={p.t('leadQueue')}>
        <FilterForm p={p} action="/console/leads">
          <FilterSelect
            name="status"
            label={p.t('status')}
            all={['open', p.t('leadOpen')]}
            options={[['all', p.t('allStatuses')], ...LEAD_STATUSES.map((s) => [s, leadTerm(p, s)] as const)]}
            selected={status}
          />
          <PlatformFilter p={p} platforms={gw.accounts.listPlatforms()} selected={platform?.slug} />
          <FilterSelect
            name="category"
            label={p.t('leadCategory')}
            all={['', p.t('allCategories')]}
            options={LEAD_CATEGORIES.map((k) => [k, leadTerm(p, k)] as const)}
            selected={category}
          />
        </FilterForm>
        <DataTable
          testid="lead-queue"
          empty={p.t('noLeads')}
          rows={rows}
          rowData={(row) => ({ 'data-lead': row.id })}
          columns={[
            {
              head: p.t('submittedAt'),
              cell: (row) => (
                <a href={`/console/leads/${row.id}`}>
                  <When lang={p.lang} iso={row.submitted_at} />
                </a>
              ),
              align: 'nowrap',
            },
            {
              head: p.t('leadCategory'),
              cell: (row) => <Status lang={p.lang} value={row.category} prefix="lead." />,
            },
            { head: p.t('platform'), cell: (row) => gw.accounts.platformById(row.platform_id)?.slug },
            {
              head: p.t('leadSeller'),
              cell: (row) => (
                <span data-raw>
                  {row.store_name} <span class="muted">({row.seller_id})</span>
                </span>
              ),
            },
            { head: p.t('leadFoundOn'), cell: (row) => row.found_on, align: 'nowrap' },
            {
              head: p.t('status'),
              cell: (row) => <Status lang={p.lang} value={row.status} prefix="lead." />,
            },
            {
              head: p.t('assignee'),
              cell: (row) => <span data-raw>{row.assignee ? actorName(gw, row.assignee) : '—'}</span>,
            },
          ]}
        />
        <Pager
          t={p.t}
          testid="lead-pages"
          total={total}
          offset={offset}
          shown={rows.length}
          limit={QUEUE_PAGE}
          href={(o) => link(o / QUEUE_PAGE + 1)}
        />
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
