import { Hono, type Context } from 'hono';
import { DomainError } from '../errors.ts';
import { statusOf } from '../http/errors.ts';
import { SIGNALS } from '../risk/rules.ts';
import { riskStore, WARNING_STATUSES, type WarningRow, type WarningStatus } from '../risk/store.ts';
import { signalStats, warningView } from '../risk/views.ts';
import { assignWarning, confirmWarning, dismissWarning } from '../risk/workflow.ts';
import { refusal } from './i18n.ts';
import { render } from './layout.tsx';
import { notFoundPage } from './public-pages.tsx';
import { type QueueFilter, QUEUE_LIMIT, RiskQueue } from './risk-pages.tsx';
import { WarningPage } from './risk-warning-page.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

const ULID = /^[0-9A-Z]{26}$/;
/** The queue's cursor, as the API's: the last row's place in the order (score descending, then id). */
const AFTER = /^(\d{1,3}):([0-9A-Z]{26})$/;
const LED_TO = /^(penalty|entry):([0-9A-Z]{26})$/;
const MAX_REASON = 2000;

/**
 * The risk queue (riskiest first, filtered by signal, status and platform, paged by the store's cursor),
 * a warning with its explanation and evidence, and the regulator's steps: assign, confirm, dismiss,
 * each one call of the domain verb in src/risk/workflow.ts (which owns the transaction and the audit).
 */
export function riskConsole(gw: ConsoleGateway) {
  const app = new Hono<ConsoleEnv>();
  const store = riskStore(gw.db);
  const actor = (c: Context<ConsoleEnv>) => `regulator:${c.get('session').regulator.id}`;

  app.get('/console/risk', (c) => {
    const query = (name: string) => c.req.query(name) ?? '';
    const signal = (SIGNALS as readonly string[]).includes(query('signal')) ? query('signal') : '';
    const status = (WARNING_STATUSES as readonly string[]).includes(query('status'))
      ? query('status')
      : query('status') === 'all'
        ? ''
        : 'undecided';
    const platform = query('platform') ? gw.accounts.platformBySlug(query('platform')) : undefined;
    const limit = Math.min(200, Math.max(1, Math.trunc(Number(query('limit'))) || QUEUE_LIMIT));
    const cursor = AFTER.exec(query('after'));
    const filter: QueueFilter = {
      signal,
      status,
      platform: platform?.slug ?? '',
      limit,
      after: cursor ? query('after') : '',
    };
    // "Undecided" is two statuses: each is read in the queue's order from the cursor on, then merged.
    const statuses: (WarningStatus | undefined)[] =
      status === 'undecided' ? ['open', 'assigned'] : [(status || undefined) as WarningStatus | undefined];
    const rows = statuses
      .flatMap((s) =>
        store.list({
          signal: signal || undefined,
          status: s,
          platform_id: platform?.id,
          after: cursor ? { score: Number(cursor[1]), id: cursor[2]! } : undefined,
          limit: limit + 1,
        }),
      )
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last ? `${last.score}:${last.id}` : null;
    return render(
      c,
      <RiskQueue
        p={c.get('page')}
        gw={gw}
        filter={filter}
        rows={page}
        next={next}
        stats={signalStats(store)}
      />,
    );
  });

  const byId = (id: string) => (ULID.test(id) ? store.byId(id) : undefined);
  const page = (
    c: Context<ConsoleEnv>,
    w: WarningRow,
    extra: { notice?: string; error?: string } = {},
    status = 200,
  ) =>
    render(
      c,
      <WarningPage
        p={c.get('page')}
        gw={gw}
        csrf={c.get('session').csrf}
        w={w}
        v={warningView(w)}
        {...extra}
      />,
      status,
    );

  app.get('/console/risk/:id', (c) => {
    const w = byId(c.req.param('id'));
    if (!w) return notFoundPage(c, c.get('page'));
    const p = c.get('page');
    const done: Record<string, string> = {
      assign: p.t('assignWarning'),
      confirm: p.t('confirmWarning'),
      dismiss: p.t('dismissWarning'),
    };
    const what = done[c.req.query('done') ?? ''];
    return page(c, w, what ? { notice: `${what} ✓` } : {});
  });

  /** Runs a verb and goes back to the warning; a refusal is shown there with the status the API gives. */
  const act = (c: Context<ConsoleEnv>, w: WarningRow, step: string, verb: () => unknown) => {
    try {
      verb();
      return c.redirect(`/console/risk/${w.id}?done=${step}`, 303);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return page(c, store.byId(w.id)!, { error: refusal(c.get('page').lang, err) }, statusOf(err));
    }
  };
  const reasonOf = (c: Context<ConsoleEnv>) => {
    const reason = (c.get('form').reason ?? '').trim();
    return reason && reason.length <= MAX_REASON ? reason : null;
  };
  const badReason = (c: Context<ConsoleEnv>, w: WarningRow) =>
    page(c, w, { error: `${c.get('page').t('reason')}: 1–${MAX_REASON}` }, 400);

  app.post('/console/risk/:id/assign', (c) => {
    const w = byId(c.req.param('id'));
    if (!w) return notFoundPage(c, c.get('page'));
    const assignee = (c.get('form').assignee ?? '').trim();
    if (assignee.length > 200) return page(c, w, { error: `${c.get('page').t('assignee')}: 1–200` }, 400);
    return act(c, w, 'assign', () => assignWarning(gw, w.id, assignee ? { assignee } : {}, actor(c)));
  });

  app.post('/console/risk/:id/confirm', (c) => {
    const w = byId(c.req.param('id'));
    if (!w) return notFoundPage(c, c.get('page'));
    const reason = reasonOf(c);
    if (!reason) return badReason(c, w);
    const ledTo = LED_TO.exec(c.get('form').led_to ?? '');
    // What a warning about a subject or store led to is required (the verb says so too, in English):
    // asked here first, so that the page can say it in the reader's language. A decided warning is the
    // verb's to refuse.
    const undecided = w.status === 'open' || w.status === 'assigned';
    if (w.subject_id && undecided && !ledTo)
      return page(c, w, { error: c.get('page').t('needsOutcome') }, 400);
    const outcome = ledTo
      ? ledTo[1] === 'penalty'
        ? { penalty_id: ledTo[2]! }
        : { list_entry_id: ledTo[2]! }
      : {};
    return act(c, w, 'confirm', () => confirmWarning(gw, w.id, { reason, ...outcome }, actor(c)));
  });

  app.post('/console/risk/:id/dismiss', (c) => {
    const w = byId(c.req.param('id'));
    if (!w) return notFoundPage(c, c.get('page'));
    const reason = reasonOf(c);
    if (!reason) return badReason(c, w);
    return act(c, w, 'dismiss', () => dismissWarning(gw, w.id, { reason }, actor(c)));
  });
  return app;
}
