import { Hono } from 'hono';
import { EVENT_TYPES, type EventRow, type EventType } from '../events/types.ts';
import { acknowledgementsView, webhookView } from '../events/views.ts';
import { term } from './i18n.ts';
import { FilterSelect, type PageContext, Layout, render } from './layout.tsx';
import { When } from './ui.tsx';
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
      <form method="get" action="/console/events" class="inline" role="search">
        <FilterSelect
          name="type"
          label={t('eventType')}
          all={['', t('allEventTypes')]}
          options={EVENT_TYPES.map((e) => [e, term(p.lang, e)] as const)}
          selected={type}
        />
        <button type="submit" class="secondary">
          {t('show')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t('noEvents')}</p>
      ) : (
        <table data-testid="events">
          <thead>
            <tr>
              <th>{t('eventSeq')}</th>
              <th>{t('eventType')}</th>
              <th>{t('when')}</th>
              <th>{t('eventAbout')}</th>
              <th>{t('acknowledgements')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => {
              const acks = acknowledgementsView(gw, e.seq);
              return (
                <tr>
                  <td>{e.seq}</td>
                  <td>
                    {term(p.lang, e.type)}
                    <code class="muted">{e.type}</code>
                  </td>
                  <td>
                    <When lang={p.lang} iso={e.at} />
                  </td>
                  <td>
                    {e.subject_id ? (
                      <a href={`/console/subjects/${e.subject_id}`}>
                        {gw.sellers.subject(e.subject_id)?.legal_name ?? e.subject_id}
                      </a>
                    ) : null}
                    <div class="muted">
                      <code>{e.data}</code>
                    </div>
                  </td>
                  <td>
                    {acks.acknowledged}/{acks.concerned}
                    {acks.platforms.map((pl) => (
                      <div class="muted">
                        {pl.platform}:{' '}
                        {pl.acknowledged_at ? <When lang={p.lang} iso={pl.acknowledged_at} /> : '—'}
                      </div>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {last && last.seq > 1 ? (
        <p>
          <a href={`/console/events?before=${last.seq}${type ? `&type=${type}` : ''}`}>{t('olderEvents')}</a>
        </p>
      ) : null}
      <h2>{t('webhooks')}</h2>
      {webhooks.length === 0 ? (
        <p>{t('noWebhooks')}</p>
      ) : (
        <table data-testid="webhooks">
          <thead>
            <tr>
              <th>{t('webhookOwner')}</th>
              <th>URL</th>
              <th>{t('status')}</th>
              <th>{t('deliveries')}</th>
            </tr>
          </thead>
          <tbody>
            {webhooks.map((w) => (
              <tr>
                <td>{w.owner}</td>
                <td>
                  {w.url}
                  <div class="muted">{w.events.join(', ')}</div>
                </td>
                <td>
                  {w.status}
                  {w.status_reason ? <div class="muted">{w.status_reason}</div> : null}
                </td>
                <td>
                  {w.deliveries.pending}/{w.deliveries.delivered}/{w.deliveries.failed}/
                  {w.deliveries.cancelled}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
};
