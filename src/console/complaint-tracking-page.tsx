import { FINAL_STATUSES, type ComplaintStatus } from '../complaints/workflow.ts';
import { term } from './i18n.ts';
import { type PageContext, Field, Layout, Notice } from './layout.tsx';
import { Status } from './ui.tsx';
import {
  type ConsumerView,
  FilesTable,
  fill,
  NextSteps,
  StepsTable,
  TraceCodeFact,
} from './complaint-parts.tsx';
import { ACCEPTED_FILES, SIZES } from './complaint-uploads.ts';

/**
 * A complaint as its consumer sees it on the tracking page: where it stands, what happens next, its
 * steps and files, the form to add files while it is open, and the steps the consumer may take.
 */
export const ConsumerComplaint = ({
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
        <TraceCodeFact p={p} code={v.trace_code} />
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
