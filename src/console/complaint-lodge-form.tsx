import type { Gateway } from '../gateway-types.ts';
import { COMPLAINT_CATEGORIES } from '../complaints/workflow.ts';
import { MAX_TRACE_CODE, TRACE_SCHEMES } from '../trace/codes.ts';
import { term } from './i18n.ts';
import { type PageContext, Field, Layout, Notice } from './layout.tsx';
import { type FormFields, signFormToken } from './security.ts';
import { Status, When } from './ui.tsx';
import { type ConsumerView, FilesTable, fill, NextSteps, TraceCodeFact } from './complaint-parts.tsx';
import { ACCEPTED_FILES, SIZES } from './complaint-uploads.ts';

/** What each field of the lodging form is told when it is missing or wrong, by field name. */
export type FieldErrors = Record<string, string>;

/**
 * The lodging form, with what was typed in it and what is wrong with it when it comes back, or what the
 * link that opened it named (the trace code, complaint-lodge.tsx).
 */
export const LodgeForm = ({
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
  errors: FieldErrors;
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
        <Field label={t('complaintTraceScheme')} name="trace_scheme" error={errors.trace_scheme}>
          <select id="f-trace_scheme" name="trace_scheme">
            {TRACE_SCHEMES.map((scheme) => (
              <option value={scheme} selected={v('trace_scheme') === scheme}>
                {term(p.lang, `trace_scheme.${scheme}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('complaintTraceCode')}
          name="trace_code"
          error={errors.trace_code}
          hint={t('complaintTraceCodeHint')}
        >
          <input
            id="f-trace_code"
            name="trace_code"
            value={v('trace_code')}
            maxlength={MAX_TRACE_CODE}
            autocomplete="off"
            spellcheck={false}
            aria-describedby={errors.trace_code ? 'e-trace_code h-trace_code' : 'h-trace_code'}
          />
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

/** The confirmation: the code and token to keep, what happens next and by when, the files kept. */
export const Lodged = ({
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
      <TraceCodeFact p={p} code={v.trace_code} />
    </dl>
    <NextSteps p={p} v={v} />
    <h2>{p.t('evidenceFiles')}</h2>
    <FilesTable p={p} files={v.files} />
    <p>
      <a href="/complaints/track">{p.t('track')}</a>
    </p>
  </Layout>
);
