import { Hono } from 'hono';
import { EVENT_TYPES, type EventRow, type EventType } from '../events/types.ts';
import { acknowledgementsView, webhookView } from '../events/views.ts';
import { term } from './i18n.ts';
import { FilterForm, FilterSelect, Layout, type PageContext, render } from './layout.tsx';
import { DataTable, Status, When } from './ui.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

const PAGE = 50;

/**
 * What marketgate told others (issue 16): the event feed newest first, each event with the platforms it
 * concerns and which of them acknowledged it, and every registered webhook with its deliveries. Reads
 * only; webhooks are managed by their owners through the API.
 */
export function eventsConsole(gw: ConsoleGateway) {
  const app = new Hono<ConsoleEnv>();
  app.get('/console/events', (c) => {
    const type = (EVENT_TYPES as readonly string[]).includes(c.req.query('type') ?? '')
      ? (c.req.query('type') as EventType)
      : null;
    const before = Math.trunc(Number(c.req.query('before'))) || gw.events.head() + 1;
    const rows = gw.events.recent(before, PAGE, type);
    return render(c, <EventsPage p={c.get('page')} gw={gw} type={type} rows={rows} />);
  });
  return app;
}

const EventsPage = ({
  p,
  gw,
  type,
  rows,
}: {
  p: PageContext;
  gw: ConsoleGateway;
  type: EventType | null;
  rows: EventRow[];
}) => {
  const { t } = p;
  const last = rows.at(-1);
  const webhooks = gw.events.webhooksOf('all').map((w) => webhookView(gw, w));
  return (
    <Layout p={p} title={t('events')}>
      <h2>{t('eventFeed')}</h2>
      <FilterForm p={p} action="/console/events">
        <FilterSelect
          name="type"
          label={t('eventType')}
          all={['', t('allEventTypes')]}
          options={EVENT_TYPES.map((e) => [e, term(p.lang, e)] as const)}
          selected={type}
        />
      </FilterForm>
      <DataTable
        testid="events"
        empty={t('noEvents')}
        rows={rows}
        columns={[
          { head: t('eventSeq'), cell: (e) => e.seq },
          {
            head: t('eventType'),
            cell: (e) => (
              <>
                <Status lang={p.lang} value={e.type} />
                <code class="muted">{e.type}</code>
              </>
            ),
          },
          { head: t('when'), cell: (e) => <When lang={p.lang} iso={e.at} /> },
          {
            head: t('eventAbout'),
            cell: (e) => (
              <>
                {e.subject_id ? (
                  <a href={`/console/subjects/${e.subject_id}`}>
                    {gw.sellers.subject(e.subject_id)?.legal_name ?? e.subject_id}
                  </a>
                ) : null}
                <div class="muted">
                  <code>{e.data}</code>
                </div>
              </>
            ),
          },
          { head: t('acknowledgements'), cell: (e) => <Acknowledgements p={p} gw={gw} seq={e.seq} /> },
        ]}
      />
      {last && last.seq > 1 ? (
        <p>
          <a href={`/console/events?before=${last.seq}${type ? `&type=${type}` : ''}`}>{t('olderEvents')}</a>
        </p>
      ) : null}
      <h2>{t('webhooks')}</h2>
      <DataTable
        testid="webhooks"
        empty={t('noWebhooks')}
        rows={webhooks}
        columns={[
          { head: t('webhookOwner'), cell: (w) => w.owner },
          {
            head: 'URL',
            cell: (w) => (
              <>
                <span data-raw>{w.url}</span>
                <code class="muted">{w.events.join(', ')}</code>
              </>
            ),
          },
          {
            head: t('status'),
            cell: (w) => (
              <>
                <Status lang={p.lang} value={w.status} prefix="webhook_status." />
                {w.status_reason ? (
                  <div class="muted" lang="en" data-raw>
                    {w.status_reason}
                  </div>
                ) : null}
              </>
            ),
          },
          {
            head: t('deliveries'),
            cell: ({ deliveries: n }) => `${n.pending}/${n.delivered}/${n.failed}/${n.cancelled}`,
          },
        ]}
      />
    </Layout>
  );
};

/** How many of the platforms an event concerns acknowledged it, and when each did. */
const Acknowledgements = ({ p, gw, seq }: { p: PageContext; gw: ConsoleGateway; seq: number }) => {
  const acks = acknowledgementsView(gw, seq);
  return (
    <>
      {acks.acknowledged}/{acks.concerned}
      {acks.platforms.map((pl) => (
        <div class="muted">
          {pl.platform}: {pl.acknowledged_at ? <When lang={p.lang} iso={pl.acknowledged_at} /> : '—'}
        </div>
      ))}
    </>
  );
};
