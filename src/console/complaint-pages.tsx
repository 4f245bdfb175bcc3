import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problemHeaders, statusOf } from '../http/errors.ts';
import type { z } from '@hono/zod-openapi';
import type { Gateway } from '../gateway-types.ts';
import { DomainError } from '../errors.ts';
import { publicLimits } from '../http/rate-limit.ts';
import { type Upload, uploadedFiles } from '../http/uploads.ts';
import { isCurrency, parseMoney } from '../lib/money.ts';
import { addComplaintFiles, checkFilesForLodging } from '../complaints/add-files.ts';
import { MAX_FILE_BYTES } from '../complaints/files.ts';
import { LodgeSchema } from '../complaints/routes.ts';
import { complaintStep, lodgeComplaint, tokenMatches } from '../complaints/service.ts';
import type { ComplaintRow } from '../complaints/store.ts';
import { complaintView } from '../complaints/views.ts';
import {
  ANSWER_WORKING_DAYS,
  type Actor,
  COMPLAINT_CATEGORIES,
  type ComplaintAction,
  type ComplaintStatus,
  type DeadlineStep,
  FINAL_STATUSES,
  MEDIATION_WORKING_DAYS,
} from '../complaints/workflow.ts';
import { type Lang, type MessageKey, refusal, term } from './i18n.ts';
import { type PageContext, Field, Layout, Notice, pageContext, render } from './layout.tsx';
import {
  checkFormToken,
  type FormFields,
  type FormResult,
  MAX_FORM_BYTES,
  readForm,
  sameOriginRequest,
  signFormToken,
} from './security.ts';
import { type Column, DataTable, Status, When } from './ui.tsx';

const CODE = /^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const CONSUMER_STEPS = ['consumer_accept', 'consumer_reject', 'withdraw', 'message'] as const;

/** What a field needs, said to the consumer next to it when it is missing or wrong. */
const FIELD_ERRORS: Record<string, readonly [string, string]> = {
  platform: ['请选择平台。', 'Choose the platform.'],
  store_url: [
    '请填写以 http:// 或 https:// 开头的网店网址，或填写商家编号。',
    'Give the store URL (http:// or https://) or the seller id.',
  ],
  seller_id: ['商家编号只能包含字母、数字和 . _ : -。', 'A seller id has only letters, digits and . _ : -'],
  order_id: [
    '订单号只能包含字母、数字和 . _ : -，最多 64 位。',
    'An order number has only letters, digits and . _ : -, at most 64.',
  ],
  category: ['请选择投诉类别。', 'Choose a category.'],
  description: ['请用 10 至 5000 字说明经过。', 'Say what happened in 10 to 5,000 characters.'],
  amount_claimed: ['金额格式如 129.90。', 'An amount looks like 129.90.'],
  currency: [
    '币种为三个字母，如 CNY；填写金额时必填。',
    'A three-letter currency such as CNY, with the amount.',
  ],
  name: ['请填写您的姓名。', 'Give your name.'],
  phone: ['请填写有效的电话号码。', 'Give a valid phone number.'],
  email: ['电子邮箱格式不正确。', 'The e-mail address is not valid.'],
};
const fieldError = (lang: Lang, field: string) => FIELD_ERRORS[field]?.[lang === 'zh' ? 0 : 1];

type Errors = Record<string, string>;

/**
 * The most a page form with files may send: two files of the most a file may be, as the API takes in
 * one request (http/uploads.ts), and the form's text with room for the multipart framing.
 */
const FORM_WITH_FILES_BYTES = 2 * MAX_FILE_BYTES + 2 * MAX_FORM_BYTES;
const megabytes = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MB`;
/** The limits a consumer is told of: per file, and per form. */
const SIZES = { each: megabytes(MAX_FILE_BYTES), all: megabytes(2 * MAX_FILE_BYTES) };
/** What the file picker offers first: a hint to the browser only; the type is read from the content. */
const ACCEPTED_FILES =
  'image/jpeg,image/png,image/gif,image/webp,application/pdf,.jpg,.jpeg,.png,.gif,.webp,.pdf';

/** A message of ours with its `{name}` places filled. */
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));

/** What the reader is told when a file is refused, in the reader's language (never the English detail). */
function fileRefusal(gw: Gateway, p: PageContext, err: DomainError): string {
  const { filesPerComplaint, filesPerDay } = gw.config.complaints;
  switch (err.code) {
    case 'unsupported_file_type':
      return p.t('fileWrongType');
    case 'payload_too_large':
      return fill(p.t('fileTooLarge'), SIZES);
    case 'invalid_body':
      return p.t('fileMissing');
    case 'rate_limited':
      return fill(p.t('fileLimit'), { total: filesPerComplaint, day: filesPerDay });
    case 'conflict':
      return err.extra.limit
        ? fill(p.t('fileLimit'), { total: filesPerComplaint, day: filesPerDay })
        : p.t('fileClosed');
    default:
      return refusal(p.lang, err);
  }
}

/** A page form, with the files of its `file` field when it was sent as multipart/form-data. */
type PageForm = Extract<FormResult, { ok: false }> | { ok: true; fields: FormFields; uploads: Upload[] };

const isMultipart = (c: Context) => /^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '');

/**
 * Reads a form as readForm does (application/x-www-form-urlencoded), or as multipart/form-data with files
 * through the API's upload reader. A file input left empty sends a part with no name and no bytes: not a
 * file. A field sent twice keeps its first value, as readForm does.
 */
async function readPageForm(c: Context): Promise<PageForm> {
  if (!isMultipart(c)) {
    const form = await readForm(c);
    return form.ok ? { ...form, uploads: [] } : form;
  }
  let uploads: Upload[];
  let parsed: Record<string, string | File | (string | File)[]>;
  try {
    uploads = await uploadedFiles(c);
    // The body was parsed once, by uploadedFiles: Hono keeps it.
    parsed = await c.req.parseBody({ all: true });
  } catch (err) {
    if (err instanceof DomainError) return { ok: false, status: 400, why: 'badForm' };
    throw err;
  }
  const fields: FormFields = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key.length > 64) return { ok: false, status: 400, why: 'badForm' };
    const first = [value].flat()[0];
    if (typeof first === 'string') fields[key] = first;
  }
  return { ok: true, fields, uploads: uploads.filter((u) => u.uploadedName !== '' || u.bytes.length > 0) };
}

/**
 * The size limit of a page form that may carry files; past it the form cannot be read, and `refuse`
 * answers (413). Forms without files keep readForm's own smaller limit.
 */
function formWithFilesLimit(refuse: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const limit = bodyLimit({ maxSize: FORM_WITH_FILES_BYTES, onError: refuse });
  return async function formWithFilesLimitMiddleware(c, next) {
    if (!isMultipart(c)) return next();
    return limit(c, next);
  };
}

/** Lodging and tracking a complaint: plain forms, with a signed form token instead of a session. */
export function complaintPages(gw: Gateway) {
  const app = new Hono();

  const lodgeForm = (
    c: Context,
    values: FormFields = {},
    errors: Errors = {},
    problem?: string,
    status = 200,
    filesLost = false,
  ) => {
    const p = pageContext(c);
    return render(
      c,
      <LodgeForm p={p} gw={gw} values={values} errors={errors} problem={problem} filesLost={filesLost} />,
      status,
    );
  };

  app.get('/complaints/new', (c) => lodgeForm(c));

  // The API's lodging allowance (complaints/routes.ts), on the same counter: checked before the body is
  // read, and refused with the form, saying so, and Retry-After.
  const lodging = publicLimits(gw.config).lodging.answering(async (c, err) => {
    const res = await lodgeForm(c, {}, {}, refusal(pageContext(c).lang, err), statusOf(err));
    return withProblemHeaders(res, err);
  });
  // Past the limit nothing of the form can be read: the form comes back empty, saying why.
  const lodgeBodyLimit = formWithFilesLimit((c) => {
    const p = pageContext(c);
    return lodgeForm(c, {}, { file: fill(p.t('fileTooLarge'), SIZES) }, p.t('notLodgedYet'), 413);
  });

  app.post('/complaints/new', lodging, lodgeBodyLimit, async (c) => {
    const p = pageContext(c);
    const form = await readPageForm(c);
    if (!form.ok) return lodgeForm(c, {}, {}, p.t(form.why), form.status);
    const f = form.fields;
    if (!sameOriginRequest(c, gw.config.publicUrl) || !checkFormToken(gw.keys, f._form, 'lodge'))
      return lodgeForm(c, f, {}, p.t('formExpired'), 403);
    const opt = (k: string) => (f[k]?.trim() ? f[k].trim() : undefined);
    const candidate = {
      platform: f.platform ?? '',
      store_url: opt('store_url'),
      seller_id: opt('seller_id'),
      order_id: opt('order_id'),
      category: f.category ?? '',
      description: f.description ?? '',
      amount_claimed: opt('amount_claimed'),
      currency: opt('amount_claimed') ? (opt('currency') ?? 'CNY') : undefined,
      complainant: {
        name: f.name ?? '',
        phone: f.phone ?? '',
        ...(opt('email') ? { email: opt('email') } : {}),
      },
      publish_consent: f.publish_consent === 'yes',
    };
    // The files are checked with the fields, before anything is lodged: a refused file refuses the
    // lodging, and the form comes back with everything typed in it.
    let fileError: DomainError | null = null;
    if (form.uploads.length) {
      try {
        checkFilesForLodging(gw, form.uploads);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        fileError = err;
      }
    }
    const fileErrors = (): Errors => (fileError ? { file: fileRefusal(gw, p, fileError) } : {});
    const refused = async (errors: Errors, status: number) => {
      const page = await lodgeForm(
        c,
        f,
        { ...errors, ...fileErrors() },
        p.t('fixErrors'),
        status,
        form.uploads.length > 0,
      );
      return fileError ? withProblemHeaders(page, fileError) : page;
    };
    const parsed = LodgeSchema.safeParse(candidate);
    if (!parsed.success) return refused(issuesToErrors(p.lang, parsed.error), 400);
    const input: z.infer<typeof LodgeSchema> = parsed.data;
    let amount: number | null = null;
    if (input.amount_claimed !== undefined) {
      const currency = input.currency!.toUpperCase();
      const money = isCurrency(currency) ? parseMoney(input.amount_claimed, currency) : null;
      if (!money?.ok) {
        const field = money ? 'amount_claimed' : 'currency';
        return refused({ [field]: fieldError(p.lang, field)! }, 400);
      }
      amount = money.minor;
    }
    if (fileError) return refused({}, statusOf(fileError));
    let lodged: ReturnType<typeof lodgeComplaint>;
    try {
      lodged = lodgeComplaint(gw, {
        ...input,
        amount_minor: amount,
        currency: input.currency?.toUpperCase() ?? null,
      });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const listed = (err.extra.errors as { field: string }[] | undefined) ?? [];
      const errors: Errors = {};
      for (const e of listed) errors[e.field] = fieldError(p.lang, e.field) ?? err.detail;
      const problem = listed.length ? p.t('fixErrors') : lodgeRefusal(p, err);
      const page = await lodgeForm(c, f, errors, problem, statusOf(err), form.uploads.length > 0);
      return withProblemHeaders(page, err);
    }
    const { row, token } = lodged;
    // Checked above; refused here only if the allowance or the store failed in between: the complaint
    // stands, and the consumer is told to add the files on the tracking page.
    let filesProblem: string | undefined;
    if (form.uploads.length) {
      try {
        await addComplaintFiles(gw, row, form.uploads);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        filesProblem = p.t('filesNotKept') + fileRefusal(gw, p, err);
      }
    }
    return render(
      c,
      <Lodged p={p} v={complaintView(gw, row, 'consumer')} token={token} filesProblem={filesProblem} />,
      201,
    );
  });

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

/**
 * A refusal of the lodging in the reader's language. A duplicate is said without naming the other
 * complaint: its tracking code is half of what opens it, and whoever submits may not be its consumer.
 */
function lodgeRefusal(p: PageContext, err: DomainError): string {
  return err.code === 'duplicate_complaint' ? p.t('duplicateComplaint') : refusal(p.lang, err);
}

/** A page that says "not now" carries the Retry-After its problem would. */
function withProblemHeaders(page: Response, err: DomainError): Response {
  const retryAfter = problemHeaders(err)['retry-after'];
  if (retryAfter) page.headers.set('retry-after', retryAfter);
  return page;
}

function issuesToErrors(lang: Lang, error: z.ZodError): Errors {
  const errors: Errors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    const field = path[0] === 'complainant' ? (path[1] ?? 'name') : (path[0] ?? 'description');
    errors[field] ??= fieldError(lang, field) ?? issue.message;
  }
  return errors;
}

const LodgeForm = ({
  p,
  gw,
  values,
  errors,
  problem,
  filesLost,
}: {
  p: PageContext;
  gw: Gateway;
  values: FormFields;
  errors: Errors;
  problem?: string | undefined;
  filesLost: boolean;
}) => {
  const { t } = p;
  const v = (k: string) => values[k] ?? '';
  const described = (k: string) => (errors[k] ? `e-${k}` : undefined);
  return (
    <Layout p={p} title={t('lodge')}>
      <p>{t('lodgeIntro')}</p>
      {problem ? <Notice kind="error" text={problem} /> : null}
      <form method="post" action="/complaints/new" class="stack" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_form" value={signFormToken(gw.keys, 'lodge')} />
        <Field label={t('platform')} name="platform" error={errors.platform} required>
          <select id="f-platform" name="platform" aria-describedby={described('platform')}>
            {gw.accounts.listPlatforms().map((pl) => (
              <option value={pl.slug} selected={v('platform') === pl.slug}>
                {pl.name} ({pl.slug})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('storeUrl')} name="store_url" error={errors.store_url} hint={t('storeHint')}>
          <input
            id="f-store_url"
            name="store_url"
            value={v('store_url')}
            maxlength={2048}
            aria-describedby={described('store_url')}
          />
        </Field>
        <Field label={t('sellerId')} name="seller_id" error={errors.seller_id}>
          <input id="f-seller_id" name="seller_id" value={v('seller_id')} maxlength={64} />
        </Field>
        <Field label={t('orderId')} name="order_id" error={errors.order_id} hint={t('orderHint')}>
          <input id="f-order_id" name="order_id" value={v('order_id')} maxlength={64} />
        </Field>
        <Field label={t('category')} name="category" error={errors.category} required>
          <select id="f-category" name="category">
            {COMPLAINT_CATEGORIES.map((cat) => (
              <option value={cat} selected={v('category') === cat}>
                {term(p.lang, cat)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('description')}
          name="description"
          error={errors.description}
          hint={t('descriptionHint')}
          required
        >
          <textarea
            id="f-description"
            name="description"
            maxlength={5000}
            aria-describedby={described('description')}
          >
            {v('description')}
          </textarea>
        </Field>
        <Field label={t('amount')} name="amount_claimed" error={errors.amount_claimed}>
          <input
            id="f-amount_claimed"
            name="amount_claimed"
            value={v('amount_claimed')}
            maxlength={32}
            inputmode="decimal"
          />
        </Field>
        <Field label={t('currency')} name="currency" error={errors.currency}>
          <input id="f-currency" name="currency" value={v('currency') || 'CNY'} maxlength={3} />
        </Field>
        <Field label={t('yourName')} name="name" error={errors.name} required>
          <input id="f-name" name="name" value={v('name')} maxlength={100} autocomplete="name" />
        </Field>
        <Field label={t('phone')} name="phone" error={errors.phone} required>
          <input
            id="f-phone"
            name="phone"
            value={v('phone')}
            maxlength={32}
            autocomplete="tel"
            inputmode="tel"
          />
        </Field>
        <Field label={t('email')} name="email" error={errors.email}>
          <input id="f-email" name="email" value={v('email')} maxlength={254} autocomplete="email" />
        </Field>
        <Field label={t('evidenceFiles')} name="file" error={errors.file} hint={fill(t('filesHint'), SIZES)}>
          <input
            id="f-file"
            name="file"
            type="file"
            multiple
            accept={ACCEPTED_FILES}
            aria-describedby={errors.file ? 'e-file h-file' : 'h-file'}
          />
          {filesLost && !errors.file ? <span class="hint">{t('filesChooseAgain')}</span> : null}
        </Field>
        <label>
          <input
            type="checkbox"
            name="publish_consent"
            value="yes"
            checked={v('publish_consent') === 'yes'}
          />{' '}
          {t('consent')}
        </label>
        <div>
          <button type="submit">{t('submit')}</button>
        </div>
      </form>
    </Layout>
  );
};

type ConsumerView = ReturnType<typeof complaintView>;

/** The confirmation: the code and token to keep, what happens next and by when, the files kept. */
const Lodged = ({
  p,
  v,
  token,
  filesProblem,
}: {
  p: PageContext;
  v: ConsumerView;
  token: string;
  filesProblem?: string | undefined;
}) => (
  <Layout p={p} title={p.t('lodged')}>
    <Notice kind="warn" text={p.t('keepToken')} />
    {filesProblem ? <Notice kind="error" text={filesProblem} /> : null}
    <dl class="facts">
      <dt>{p.t('trackingCode')}</dt>
      <dd class="secret" data-testid="tracking-code">
        {v.tracking_code}
      </dd>
      <dt>{p.t('accessToken')}</dt>
      <dd class="secret" data-testid="access-token">
        {token}
      </dd>
      <dt>{p.t('status')}</dt>
      <dd data-testid="status">
        <Status lang={p.lang} value={v.status} />
      </dd>
      <dt>{p.t('submittedAt')}</dt>
      <dd>
        <When lang={p.lang} iso={v.submitted_at} />
      </dd>
    </dl>
    <NextSteps p={p} v={v} />
    <h2>{p.t('evidenceFiles')}</h2>
    <FilesTable p={p} files={v.files} />
    <p>
      <a href="/complaints/track">{p.t('track')}</a>
    </p>
  </Layout>
);

/** One step still to come: what is done, by whom, and the deadline the workflow set or the period that will. */
interface StepAhead {
  step: DeadlineStep | 'reply';
  what: MessageKey;
  who: Actor;
  /** The deadline date the workflow set (China Standard Time), or null while its clock has not started. */
  due: string | null;
  /** What is said instead of a date while there is none. */
  until: string;
}

/** Where each status stands in the steps ahead (workflow.ts): the ones before it are behind. */
const STEPS_FROM: Record<ComplaintStatus, number> = {
  submitted: 0,
  accepted: 0,
  forwarded: 1,
  answered: 2,
  mediation: 3,
  resolved: 4,
  closed: 4,
  rejected: 4,
};

/**
 * The steps ahead of a complaint with the deadlines the workflow set (ComplaintState.deadlines); a clock
 * not started yet is said as its period in working days (complaints/terms.ts), never computed here.
 */
function stepsAhead(p: PageContext, v: ConsumerView): StepAhead[] {
  const { decision, answer, mediation } = v.deadlines;
  const all: StepAhead[] = [
    { step: 'decision', what: 'nextDecision', who: 'regulator', due: decision, until: '' },
    {
      step: 'answer',
      what: 'nextAnswer',
      who: 'platform',
      due: answer,
      until: fill(p.t('nextAfterForward'), { n: ANSWER_WORKING_DAYS }),
    },
    { step: 'reply', what: 'nextReply', who: 'consumer', due: null, until: p.t('nextAfterAnswer') },
    {
      step: 'mediation',
      what: 'nextMediation',
      who: 'regulator',
      due: mediation,
      until: fill(p.t('nextAfterMediation'), { n: MEDIATION_WORKING_DAYS }),
    },
  ];
  return all.slice(STEPS_FROM[v.status as ComplaintStatus] ?? all.length);
}

/**
 * The end of a deadline date in China Standard Time: a step taken on its deadline date is in time
 * (workflow.ts), so "by" is that day's last minute there.
 */
const endOfChinaDay = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

/** What happens next and by when: each step ahead, who acts, and the time by which, in CST. */
const NextSteps = ({ p, v }: { p: PageContext; v: ConsumerView }) => {
  const rows = stepsAhead(p, v);
  const columns: Column<StepAhead>[] = [
    { head: p.t('nextStep'), cell: (s) => p.t(s.what) },
    { head: p.t('nextWho'), cell: (s) => <Status lang={p.lang} value={s.who} /> },
    {
      head: p.t('nextBy'),
      align: 'nowrap',
      cell: (s) =>
        s.due ? (
          <span data-step={s.step} data-due={s.due}>
            <When lang={p.lang} iso={endOfChinaDay(s.due)} />
            {v.overdue.includes(s.step as DeadlineStep) ? (
              <>
                {' '}
                <span class="due-overdue">{p.t('overdue')}</span>
              </>
            ) : null}
          </span>
        ) : (
          <span data-step={s.step}>{s.until}</span>
        ),
    },
  ];
  return (
    <>
      <h2>{p.t('nextTitle')}</h2>
      {rows.length ? <p class="muted">{p.t('nextIntro')}</p> : null}
      <DataTable columns={columns} rows={rows} empty={p.t('nextNone')} testid="next-steps" />
    </>
  );
};

type ViewFile = ConsumerView['files'][number];

const fileSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The evidence files a complaint holds, known by their hash and type (never the name they came with). */
const FilesTable = ({ p, files }: { p: PageContext; files: readonly ViewFile[] }) => (
  <DataTable
    testid="files"
    rows={files}
    empty={p.t('noFiles')}
    columns={[
      { head: p.t('fileName'), cell: (f) => <code>{f.name}</code> },
      { head: p.t('fileType'), cell: (f) => <Status lang={p.lang} value={f.media_type} /> },
      { head: p.t('fileSize'), align: 'num', cell: (f) => fileSize(f.size) },
      { head: p.t('fileAddedAt'), align: 'nowrap', cell: (f) => <When lang={p.lang} iso={f.added_at} /> },
    ]}
  />
);

const ConsumerComplaint = ({
  p,
  v,
  token,
  formToken,
  filesToken,
  notice,
}: {
  p: PageContext;
  v: ConsumerView;
  token: string;
  formToken: string;
  filesToken: string;
  notice?: { text: string; kind?: 'error' | 'info' } | undefined;
}) => {
  const { t } = p;
  const who = (
    <>
      <input type="hidden" name="code" value={v.tracking_code ?? ''} />
      <input type="hidden" name="token" value={token} />
    </>
  );
  const hidden = (
    <>
      {who}
      <input type="hidden" name="_form" value={formToken} />
    </>
  );
  const steps = v.next_steps.map((s) => s.action).filter((a) => a !== 'message');
  const open = !FINAL_STATUSES.includes(v.status as ComplaintStatus);
  return (
    <Layout p={p} title={`${t('track')} · ${v.tracking_code}`}>
      {notice ? <Notice kind={notice.kind} text={notice.text} /> : null}
      <dl class="facts">
        <dt>{t('status')}</dt>
        <dd data-testid="status">
          <Status lang={p.lang} value={v.status} />
        </dd>
        <dt>{t('category')}</dt>
        <dd>
          <Status lang={p.lang} value={v.category} />
        </dd>
        <dt>{t('storeUrl')}</dt>
        <dd data-raw>{v.store.store_url ?? v.store.seller_id ?? '—'}</dd>
        <dt>{t('description')}</dt>
        <dd data-raw>{v.description}</dd>
        {v.answer ? (
          <>
            <dt>{t('answer')}</dt>
            <dd data-testid="answer">
              <Status lang={p.lang} value={v.answer.kind} />: <span data-raw>{v.answer.message}</span>
            </dd>
          </>
        ) : null}
        {v.outcome ? (
          <>
            <dt>{t('outcome')}</dt>
            <dd data-testid="outcome">
              <Status lang={p.lang} value={v.outcome} />
            </dd>
          </>
        ) : null}
      </dl>
      <NextSteps p={p} v={v} />
      <h2>{t('steps')}</h2>
      <StepsTable p={p} events={v.events} />
      <h2>{t('evidenceFiles')}</h2>
      <FilesTable p={p} files={v.files} />
      {open ? (
        <form
          method="post"
          action="/complaints/track/files"
          class="stack"
          enctype="multipart/form-data"
          data-testid="add-files"
        >
          {who}
          <input type="hidden" name="_form" value={filesToken} />
          <Field label={t('addFiles')} name="file" hint={fill(t('filesHint'), SIZES)} required>
            <input
              id="f-file"
              name="file"
              type="file"
              multiple
              required
              accept={ACCEPTED_FILES}
              aria-describedby="h-file"
            />
          </Field>
          <div>
            <button type="submit" class="secondary">
              {t('upload')}
            </button>
          </div>
        </form>
      ) : null}
      {v.next_steps.length > 0 ? (
        <>
          <h2>{t('yourActions')}</h2>
          {steps.map((action) => (
            <form method="post" action="/complaints/track/step" class="inline">
              {hidden}
              <input type="hidden" name="action" value={action} />
              <button type="submit" class={action === 'withdraw' ? 'danger' : undefined} data-action={action}>
                {term(p.lang, action)}
              </button>
            </form>
          ))}
          {v.next_steps.some((s) => s.action === 'message') ? (
            <form method="post" action="/complaints/track/step" class="stack">
              {hidden}
              <input type="hidden" name="action" value="message" />
              <Field label={t('message')} name="message">
                <textarea id="f-message" name="message" maxlength={5000} required></textarea>
              </Field>
              <div>
                <button type="submit" class="secondary">
                  {term(p.lang, 'message')}
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
};

type StepEvent = {
  seq: number;
  action: string;
  actor: string;
  at: string;
  to: string;
  message: string | null;
};

/** Every step of a complaint, oldest first: on the tracking page and the regulator's. */
export const StepsTable = ({ p, events }: { p: PageContext; events: StepEvent[] }) => (
  <DataTable
    testid="steps"
    rows={events}
    empty="—"
    columns={[
      { head: p.t('when'), align: 'nowrap', cell: (e) => <When lang={p.lang} iso={e.at} /> },
      { head: p.t('who'), cell: (e) => <Status lang={p.lang} value={e.actor} /> },
      { head: p.t('event'), cell: (e) => <Status lang={p.lang} value={e.action} /> },
      { head: p.t('status'), cell: (e) => <Status lang={p.lang} value={e.to} /> },
      { head: p.t('message'), cell: (e) => <span data-raw>{e.message ?? ''}</span> },
    ]}
  />
);
