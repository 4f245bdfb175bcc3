import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { NewRequestSchema } from '../assistance/schemas.ts';
import { cancelRequest, recordAnswerDownload, requestAssistance } from '../assistance/service.ts';
import { assistanceOf, type RequestRow } from '../assistance/store.ts';
import { AnswerFiles } from '../assistance/files.ts';
import { FILE_EXTENSIONS, SCOPES, STATUS_FILTERS, TEXT_LIMITS } from '../assistance/terms.ts';
import type { StatusFilter } from '../assistance/terms.ts';
import { requestView } from '../assistance/views.ts';
import { DomainError } from '../errors.ts';
import { statusOf } from '../http/errors.ts';
import { chinaToday } from '../lib/dates.ts';
import { DetailPage, ListPage } from './assistance-pages.tsx';
import { refusal } from './i18n.ts';
import { render } from './layout.tsx';
import { notFoundPage } from './public-pages.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';

const ULID = /^[0-9A-Z]{26}$/;
const PAGE = 50;

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
