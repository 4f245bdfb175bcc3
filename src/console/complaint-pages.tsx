import { Hono, type Context } from 'hono';
import { problemHeaders, statusOf } from '../http/errors.ts';
import type { z } from '@hono/zod-openapi';
import type { Gateway } from '../gateway-types.ts';
import { DomainError } from '../errors.ts';
import { publicLimits } from '../http/rate-limit.ts';
import { isCurrency, parseMoney } from '../lib/money.ts';
import { LodgeSchema } from '../complaints/routes.ts';
import { complaintStep, lodgeComplaint, tokenMatches } from '../complaints/service.ts';
import { complaintView } from '../complaints/views.ts';
import { COMPLAINT_CATEGORIES, type ComplaintAction } from '../complaints/workflow.ts';
import { type Lang, refusal, term } from './i18n.ts';
import { type PageContext, Field, Layout, Notice, pageContext, render } from './layout.tsx';
import { checkFormToken, type FormFields, readForm, sameOriginRequest, signFormToken } from './security.ts';

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

/** Lodging and tracking a complaint: plain forms, with a signed form token instead of a session. */
export function complaintPages(gw: Gateway) {
  const app = new Hono();

  const lodgeForm = (
    c: Context,
    values: FormFields = {},
    errors: Errors = {},
    problem?: string,
    status = 200,
  ) => {
    const p = pageContext(c);
    return render(c, <LodgeForm p={p} gw={gw} values={values} errors={errors} problem={problem} />, status);
  };

  app.get('/complaints/new', (c) => lodgeForm(c));

  // The API's lodging allowance (complaints/routes.ts), on the same counter: checked before the body is
  // read, and refused with the form, saying so, and Retry-After.
  const lodging = publicLimits(gw.config).lodging.answering(async (c, err) => {
    const res = await lodgeForm(c, {}, {}, refusal(pageContext(c).lang, err), statusOf(err));
    return withProblemHeaders(res, err);
  });

  app.post('/complaints/new', lodging, async (c) => {
    const p = pageContext(c);
    const form = await readForm(c);
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
    const parsed = LodgeSchema.safeParse(candidate);
    if (!parsed.success) return lodgeForm(c, f, issuesToErrors(p.lang, parsed.error), p.t('fixErrors'), 400);
    const input: z.infer<typeof LodgeSchema> = parsed.data;
    let amount: number | null = null;
    if (input.amount_claimed !== undefined) {
      const currency = input.currency!.toUpperCase();
      const money = isCurrency(currency) ? parseMoney(input.amount_claimed, currency) : null;
      if (!money?.ok) {
        const field = money ? 'amount_claimed' : 'currency';
        return lodgeForm(c, f, { [field]: fieldError(p.lang, field)! }, p.t('fixErrors'), 400);
      }
      amount = money.minor;
    }
    try {
      const { row, token } = lodgeComplaint(gw, {
        ...input,
        amount_minor: amount,
        currency: input.currency?.toUpperCase() ?? null,
      });
      return render(
        c,
        <Layout p={p} title={p.t('lodged')}>
          <Notice kind="warn" text={p.t('keepToken')} />
          <dl class="facts">
            <dt>{p.t('trackingCode')}</dt>
            <dd class="secret" data-testid="tracking-code">
              {row.tracking_code}
            </dd>
            <dt>{p.t('accessToken')}</dt>
            <dd class="secret" data-testid="access-token">
              {token}
            </dd>
          </dl>
          <p>
            <a href="/complaints/track">{p.t('track')}</a>
          </p>
        </Layout>,
        201,
      );
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const listed = (err.extra.errors as { field: string }[] | undefined) ?? [];
      const errors: Errors = {};
      for (const e of listed) errors[e.field] = fieldError(p.lang, e.field) ?? err.detail;
      const page = await lodgeForm(
        c,
        f,
        errors,
        listed.length ? p.t('fixErrors') : refusal(p.lang, err),
        statusOf(err),
      );
      return withProblemHeaders(page, err);
    }
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

  /** The complaint a posted code and token open, or why not. */
  async function consumerForm(c: Context, purpose: 'track' | 'step') {
    const p = pageContext(c);
    const form = await readForm(c);
    if (!form.ok) return { page: trackForm(c, p.t(form.why), form.status) };
    const f = form.fields;
    const code = (f.code ?? '').trim().toUpperCase();
    const binding = purpose === 'step' ? code : '';
    if (!sameOriginRequest(c, gw.config.publicUrl) || !checkFormToken(gw.keys, f._form, purpose, binding))
      return { page: trackForm(c, p.t('formExpired'), 403) };
    const row = CODE.test(code) ? gw.complaints.byCode(code) : undefined;
    if (!row || !tokenMatches(row, f.token)) return { page: trackForm(c, p.t('trackFailed'), 404) };
    return { row, token: f.token!, fields: f, p };
  }

  const statusPage = (
    c: Context,
    p: PageContext,
    row: Parameters<typeof complaintView>[1],
    token: string,
    notice?: string,
    status = 200,
  ) =>
    render(
      c,
      <ConsumerComplaint
        p={p}
        v={complaintView(gw, row, 'consumer')}
        token={token}
        formToken={signFormToken(gw.keys, 'step', row.tracking_code)}
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
    if (!CONSUMER_STEPS.includes(action)) return statusPage(c, r.p, r.row, r.token, r.p.t('badForm'), 400);
    if (action === 'message' && !message) return statusPage(c, r.p, r.row, r.token, r.p.t('badForm'), 400);
    try {
      const step = { type: action, ...(message ? { message } : {}) } as ComplaintAction;
      const result = complaintStep(gw, r.row.id, step, { role: 'consumer', id: null });
      return statusPage(c, r.p, result.row, r.token, r.p.t('done'));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const page = await statusPage(
        c,
        r.p,
        gw.complaints.byId(r.row.id)!,
        r.token,
        refusal(r.p.lang, err),
        statusOf(err),
      );
      return withProblemHeaders(page, err);
    }
  });
  return app;
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
}: {
  p: PageContext;
  gw: Gateway;
  values: FormFields;
  errors: Errors;
  problem?: string | undefined;
}) => {
  const { t } = p;
  const v = (k: string) => values[k] ?? '';
  const described = (k: string) => (errors[k] ? `e-${k}` : undefined);
  return (
    <Layout p={p} title={t('lodge')}>
      <p>{t('lodgeIntro')}</p>
      {problem ? <Notice kind="error" text={problem} /> : null}
      <form method="post" action="/complaints/new" class="stack" novalidate>
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

const ConsumerComplaint = ({
  p,
  v,
  token,
  formToken,
  notice,
}: {
  p: PageContext;
  v: ConsumerView;
  token: string;
  formToken: string;
  notice?: string | undefined;
}) => {
  const { t } = p;
  const hidden = (
    <>
      <input type="hidden" name="code" value={v.tracking_code ?? ''} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="_form" value={formToken} />
    </>
  );
  const steps = v.next_steps.map((s) => s.action).filter((a) => a !== 'message');
  return (
    <Layout p={p} title={`${t('track')} · ${v.tracking_code}`}>
      {notice ? <Notice text={notice} /> : null}
      <dl class="facts">
        <dt>{t('status')}</dt>
        <dd data-testid="status">{term(p.lang, v.status)}</dd>
        <dt>{t('category')}</dt>
        <dd>{term(p.lang, v.category)}</dd>
        <dt>{t('storeUrl')}</dt>
        <dd>{v.store.store_url ?? v.store.seller_id ?? '—'}</dd>
        <dt>{t('description')}</dt>
        <dd>{v.description}</dd>
        {v.answer ? (
          <>
            <dt>{t('answer')}</dt>
            <dd data-testid="answer">
              {term(p.lang, v.answer.kind)}: {v.answer.message}
            </dd>
          </>
        ) : null}
        {v.outcome ? (
          <>
            <dt>{t('outcome')}</dt>
            <dd data-testid="outcome">{term(p.lang, v.outcome)}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('steps')}</h2>
      <StepsTable p={p} events={v.events} />
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

export const StepsTable = ({
  p,
  events,
}: {
  p: PageContext;
  events: { seq: number; action: string; actor: string; at: string; to: string; message: string | null }[];
}) => (
  <table data-testid="steps">
    <thead>
      <tr>
        <th>{p.t('when')}</th>
        <th>{p.t('who')}</th>
        <th>{p.t('event')}</th>
        <th>{p.t('status')}</th>
        <th>{p.t('message')}</th>
      </tr>
    </thead>
    <tbody>
      {events.map((e) => (
        <tr>
          <td class="nowrap">{e.at.slice(0, 16).replace('T', ' ')}</td>
          <td>{term(p.lang, e.actor)}</td>
          <td>{term(p.lang, e.action)}</td>
          <td>{term(p.lang, e.to)}</td>
          <td>{e.message ?? ''}</td>
        </tr>
      ))}
    </tbody>
  </table>
);
