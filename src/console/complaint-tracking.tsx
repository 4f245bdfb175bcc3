import { Hono, type Context } from 'hono';
import { statusOf } from '../http/errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { DomainError } from '../errors.ts';
import { addComplaintFiles } from '../complaints/add-files.ts';
import { complaintStep, tokenMatches } from '../complaints/service.ts';
import type { ComplaintRow } from '../complaints/store.ts';
import { complaintView } from '../complaints/views.ts';
import type { ComplaintAction } from '../complaints/workflow.ts';
import { refusal } from './i18n.ts';
import { type PageContext, Field, Layout, Notice, pageContext, render } from './layout.tsx';
import { checkFormToken, sameOriginRequest, signFormToken } from './security.ts';
import { fill, withProblemHeaders } from './complaint-parts.tsx';
import { ConsumerComplaint } from './complaint-tracking-page.tsx';
import { fileRefusal, formWithFilesLimit, readPageForm, SIZES } from './complaint-uploads.ts';

const CODE = /^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const CONSUMER_STEPS = ['consumer_accept', 'consumer_reject', 'withdraw', 'message'] as const;

/**
 * Tracking a complaint (/complaints/track): its page, the consumer's steps and added files; plain forms,
 * with a signed form token instead of a session.
 */
export function complaintTrackingPages(gw: Gateway) {
  const app = new Hono();

  const trackForm = (c: Context, problem?: string, status = 200) => {
    const p = pageContext(c);
    return render(
      c,
      <Layout p={p} title={p.t('track')}>
        {problem ? <Notice kind="error" text={problem} /> : null}
        <p>{p.t('trackIntro')}</p>
        <form method="post" action="/complaints/track" class="stack">
          <input type="hidden" name="_form" value={signFormToken(gw.keys, 'track')} />
          <Field label={p.t('trackingCode')} name="code" required>
            <input
              id="f-code"
              name="code"
              required
              maxlength={11}
              placeholder="C-XXXX-XXXX"
              autocomplete="off"
            />
          </Field>
          <Field label={p.t('accessToken')} name="token" required>
            <input id="f-token" name="token" type="password" required maxlength={200} autocomplete="off" />
          </Field>
          <div>
            <button type="submit">{p.t('show')}</button>
          </div>
        </form>
      </Layout>,
      status,
    );
  };

  app.get('/complaints/track', (c) => trackForm(c));

  /**
   * The complaint a posted code and token open, or why not. A step's and a file's form token is bound to
   * the tracking code it was shown with, so a token from another complaint's page does not serve.
   */
  async function consumerForm(c: Context, purpose: 'track' | 'step' | 'files') {
    const p = pageContext(c);
    const form = await readPageForm(c);
    if (!form.ok) return { page: trackForm(c, p.t(form.why), form.status) };
    const f = form.fields;
    const code = (f.code ?? '').trim().toUpperCase();
    const binding = purpose === 'track' ? '' : code;
    if (!sameOriginRequest(c, gw.config.publicUrl) || !checkFormToken(gw.keys, f._form, purpose, binding))
      return { page: trackForm(c, p.t('formExpired'), 403) };
    const row = CODE.test(code) ? gw.complaints.byCode(code) : undefined;
    if (!row || !tokenMatches(row, f.token)) return { page: trackForm(c, p.t('trackFailed'), 404) };
    return { row, token: f.token!, fields: f, uploads: form.uploads, p };
  }

  const statusPage = (
    c: Context,
    p: PageContext,
    row: ComplaintRow,
    token: string,
    notice?: { text: string; kind?: 'error' | 'info' },
    status = 200,
  ) =>
    render(
      c,
      <ConsumerComplaint
        p={p}
        v={complaintView(gw, row, 'consumer')}
        token={token}
        formToken={signFormToken(gw.keys, 'step', row.tracking_code)}
        filesToken={signFormToken(gw.keys, 'files', row.tracking_code)}
        notice={notice}
      />,
      status,
    );

  app.post('/complaints/track', async (c) => {
    const r = await consumerForm(c, 'track');
    if ('page' in r) return r.page;
    return statusPage(c, r.p, r.row, r.token);
  });

  app.post('/complaints/track/step', async (c) => {
    const r = await consumerForm(c, 'step');
    if ('page' in r) return r.page;
    const action = r.fields.action as (typeof CONSUMER_STEPS)[number];
    const message = r.fields.message?.trim().slice(0, 5000) || undefined;
    const bad = { text: r.p.t('badForm') };
    if (!CONSUMER_STEPS.includes(action)) return statusPage(c, r.p, r.row, r.token, bad, 400);
    if (action === 'message' && !message) return statusPage(c, r.p, r.row, r.token, bad, 400);
    try {
      const step = { type: action, ...(message ? { message } : {}) } as ComplaintAction;
      const result = complaintStep(gw, r.row.id, step, { role: 'consumer', id: null });
      return statusPage(c, r.p, result.row, r.token, { text: r.p.t('done') });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const page = await statusPage(
        c,
        r.p,
        gw.complaints.byId(r.row.id)!,
        r.token,
        { text: refusal(r.p.lang, err) },
        statusOf(err),
      );
      return withProblemHeaders(page, err);
    }
  });

  // Past the limit the code and token in the form cannot be read either: back to the tracking form.
  const filesBodyLimit = formWithFilesLimit((c) => {
    const p = pageContext(c);
    return trackForm(c, fill(p.t('fileTooLarge'), SIZES), 413);
  });

  app.post('/complaints/track/files', filesBodyLimit, async (c) => {
    const r = await consumerForm(c, 'files');
    if ('page' in r) return r.page;
    try {
      await addComplaintFiles(gw, r.row, r.uploads);
      return statusPage(c, r.p, gw.complaints.byId(r.row.id)!, r.token, { text: r.p.t('filesAdded') }, 201);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const problem = { kind: 'error' as const, text: fileRefusal(gw, r.p, err) };
      const page = await statusPage(c, r.p, r.row, r.token, problem, statusOf(err));
      return withProblemHeaders(page, err);
    }
  });
  return app;
}
