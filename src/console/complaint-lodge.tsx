import { Hono, type Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import { statusOf } from '../http/errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { DomainError } from '../errors.ts';
import { publicLimits } from '../http/rate-limit.ts';
import { isCurrency, parseMoney } from '../lib/money.ts';
import { addComplaintFiles, checkFilesForLodging } from '../complaints/add-files.ts';
import { LodgeSchema } from '../complaints/routes.ts';
import { lodgeComplaint } from '../complaints/service.ts';
import { complaintView } from '../complaints/views.ts';
import { type Lang, refusal } from './i18n.ts';
import { type PageContext, pageContext, render } from './layout.tsx';
import { checkFormToken, type FormFields, sameOriginRequest } from './security.ts';
import { fill, withProblemHeaders } from './complaint-parts.tsx';
import { type FieldErrors, LodgeForm, Lodged } from './complaint-lodge-form.tsx';
import { fileRefusal, formWithFilesLimit, readPageForm, SIZES } from './complaint-uploads.ts';

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
  trace_code: [
    '追溯码与所选类型不符：药品追溯码为 20 位数字；商品条码为 8、12、13 或 14 位数字（末位为校验位），或 (01) 加 14 位条码，可再加 (21) 和序列号；其他追溯码为 8 至 64 位字母、数字或 -。',
    'The code does not fit the type chosen: a drug trace code is 20 digits; a GS1 code is a GTIN of 8, 12, 13 or 14 digits ending with its check digit, or (01) and a GTIN-14, optionally with (21) and a serial; another code is 8 to 64 letters, digits or -.',
  ],
};
const fieldError = (lang: Lang, field: string) => FIELD_ERRORS[field]?.[lang === 'zh' ? 0 : 1];

/**
 * What a link to the form may fill in: the product trace code, as the public trace check links to the
 * form with the code it checked (/complaints/new?trace_scheme=drug&trace_code=...).
 */
const PREFILLED = ['trace_scheme', 'trace_code'] as const;

/**
 * A trace code as typed: full-width characters made ASCII (NFKC: a Chinese keyboard's digits and
 * brackets) and spaces dropped (a code copied in groups), since no scheme's code holds either.
 */
const typedTraceCode = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

/**
 * Lodging a complaint (/complaints/new): a plain form, with a signed form token instead of a session,
 * filled in from the query with what a link names (PREFILLED).
 */
export function complaintLodgePages(gw: Gateway) {
  const app = new Hono();

  const lodgeForm = (
    c: Context,
    values: FormFields = {},
    errors: FieldErrors = {},
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

  app.get('/complaints/new', (c) => {
    const values: FormFields = {};
    for (const key of PREFILLED) {
      const value = c.req.query(key);
      if (value) values[key] = value;
    }
    return lodgeForm(c, values);
  });

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
    const traceCode = typedTraceCode(f.trace_code ?? '');
    const candidate = {
      platform: f.platform ?? '',
      store_url: opt('store_url'),
      seller_id: opt('seller_id'),
      order_id: opt('order_id'),
      category: f.category ?? '',
      description: f.description ?? '',
      amount_claimed: opt('amount_claimed'),
      currency: opt('amount_claimed') ? (opt('currency') ?? 'CNY') : undefined,
      // The scheme is always sent (a select): the code alone says whether one is named.
      trace_code: traceCode ? { scheme: f.trace_scheme ?? '', code: traceCode } : undefined,
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
    const fileErrors = (): FieldErrors => (fileError ? { file: fileRefusal(gw, p, fileError) } : {});
    const refused = async (errors: FieldErrors, status: number) => {
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
      const errors: FieldErrors = {};
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
  return app;
}

/**
 * A refusal of the lodging in the reader's language. A duplicate is said without naming the other
 * complaint: its tracking code is half of what opens it, and whoever submits may not be its consumer.
 */
function lodgeRefusal(p: PageContext, err: DomainError): string {
  return err.code === 'duplicate_complaint' ? p.t('duplicateComplaint') : refusal(p.lang, err);
}

function issuesToErrors(lang: Lang, error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    const field = path[0] === 'complainant' ? (path[1] ?? 'name') : (path[0] ?? 'description');
    errors[field] ??= fieldError(lang, field) ?? issue.message;
  }
  return errors;
}
