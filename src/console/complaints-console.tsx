import { Hono, type Context } from 'hono';
import { statusOf } from '../http/errors.ts';
import { RegulatorStepSchema } from '../complaints/routes.ts';
import { complaintStep } from '../complaints/service.ts';
import type { ComplaintRow } from '../complaints/store.ts';
import { complaintView, revealComplainant } from '../complaints/views.ts';
import { type ComplaintAction, COMPLAINT_STATUSES } from '../complaints/workflow.ts';
import { DomainError } from '../errors.ts';
import { chinaToday } from '../lib/dates.ts';
import { addWorkingDays } from '../lib/working-days.ts';
import { dueBucket } from './dashboard.tsx';
import { refusal, term } from './i18n.ts';
import { DataTable, numberedPage, Pager, Status, When } from './ui.tsx';
import { FilterForm, FilterSelect, Layout, render } from './layout.tsx';
import { notFoundPage } from './public-pages.tsx';
import { RegulatorComplaint } from './regulator-complaint-page.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

const ULID = /^[0-9A-Z]{26}$/;
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
    const { offset } = numberedPage(c.req.query('page'), total, QUEUE_PAGE);
    const rows = gw.complaints.queue(status, QUEUE_PAGE, offset);
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
        <FilterForm p={p} action="/console/complaints">
          <FilterSelect
            name="status"
            label={p.t('status')}
            all={['open', p.t('openByStatus')]}
            options={COMPLAINT_STATUSES.map((s) => [s, term(p.lang, s)] as const)}
            selected={status}
          />
        </FilterForm>
        <DataTable
          testid="queue"
          empty={p.t('none')}
          rows={rows}
          columns={[
            {
              head: p.t('due'),
              cell: (row) => {
                const bucket = dueBucket(row.next_due, today, soon);
                return (
                  <>
                    <span class={`due-${bucket}`} title={dueLabel[bucket]}>
                      {row.next_due ?? '—'}
                    </span>{' '}
                    <span class="muted">{dueLabel[bucket]}</span>
                  </>
                );
              },
              align: 'nowrap',
            },
            {
              head: p.t('trackingCode'),
              cell: (row) => <a href={`/console/complaints/${row.id}`}>{row.tracking_code}</a>,
            },
            { head: p.t('status'), cell: (row) => <Status lang={p.lang} value={row.status} /> },
            { head: p.t('category'), cell: (row) => <Status lang={p.lang} value={row.category} /> },
            { head: p.t('platform'), cell: (row) => gw.accounts.platformById(row.platform_id)?.slug },
            {
              head: p.t('storeUrl'),
              cell: (row) => <span data-raw>{row.store_url ?? row.seller_id ?? '—'}</span>,
            },
            {
              head: p.t('submittedAt'),
              cell: (row) => <When lang={p.lang} iso={row.submitted_at} />,
              align: 'nowrap',
            },
          ]}
        />
        <Pager
          t={p.t}
          testid="queue-pages"
          total={total}
          offset={offset}
          shown={rows.length}
          limit={QUEUE_PAGE}
          href={(o) => `/console/complaints?status=${status}&page=${o / QUEUE_PAGE + 1}`}
        />
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
