import { riskStore } from '../risk/store.ts';
import type { LeadRow } from '../leads/store.ts';
import type { LeadView } from '../leads/views.ts';
import { term } from './i18n.ts';
import { Field, Layout, Notice, type PageContext } from './layout.tsx';
import { actorName, PenaltyChoices } from './regulator-parts.tsx';
import type { ConsoleGateway } from './types.ts';
import { DataTable, Status, When } from './ui.tsx';

// A lead's page in the console (leads-console.tsx serves it and its steps): the lead with its goods,
// records, measures, attachments, links and steps, and the forms of the steps still open to it.

/** The longest assignee a regulator may type. */
export const MAX_ASSIGNEE = 200;

/** A lead term (status, category, measure, step) in the reader's language. */
export const leadTerm = (p: PageContext, value: string | null) =>
  value === null ? '—' : term(p.lang, `lead.${value}`);

export const LeadPage = ({
  p,
  gw,
  csrf,
  row,
  v,
  notice,
  error,
}: {
  p: PageContext;
  gw: ConsoleGateway;
  csrf: string;
  row: LeadRow;
  v: LeadView;
  notice?: string | undefined;
  error?: string | undefined;
}) => {
  const { t } = p;
  const csrfField = <input type="hidden" name="_csrf" value={csrf} />;
  const steps = 'next_steps' in v ? (v.next_steps ?? []) : [];
  const penalties = gw.creditRecords.penaltiesOf(row.subject_id).filter((x) => !x.withdrawn_at);
  const warnings = riskStore(gw.db)
    .ofSubject(row.subject_id)
    .concat(
      riskStore(gw.db)
        .list({ platform_id: row.platform_id, limit: 200 })
        .filter((w) => w.seller_id === row.seller_id && !w.subject_id),
    );
  const subjectName = gw.sellers.subject(row.subject_id)?.legal_name;
  return (
    <Layout p={p} title={`${t('leads')} · ${leadTerm(p, row.category)}`} titleRaw={row.store_name}>
      {notice ? <Notice text={notice} /> : null}
      {error ? <Notice kind="error" text={error} /> : null}
      <dl class="facts">
        <dt>{t('status')}</dt>
        <dd data-testid="status">{leadTerm(p, row.status)}</dd>
        <dt>{t('platform')}</dt>
        <dd>{v.platform}</dd>
        <dt>{t('leadSeller')}</dt>
        <dd>
          <a href={`/console/subjects/${row.subject_id}`}>{subjectName ?? row.subject_id}</a> ·{' '}
          <span data-raw>
            {row.store_name} ({row.seller_id})<div class="muted">{row.store_url}</div>
          </span>
        </dd>
        <dt>{t('leadCategory')}</dt>
        <dd>{leadTerm(p, row.category)}</dd>
        <dt>{t('leadFoundOn')}</dt>
        <dd>{row.found_on}</dd>
        <dt>{t('submittedAt')}</dt>
        <dd>
          <When lang={p.lang} iso={row.submitted_at} />
        </dd>
        <dt>{t('leadReference')}</dt>
        <dd>{row.reference ?? '—'}</dd>
        <dt>{t('assignee')}</dt>
        <dd data-testid="assignee" data-raw>
          {row.assignee ? actorName(gw, row.assignee) : '—'}
        </dd>
        {v.decision ? (
          <>
            <dt>{t('decision')}</dt>
            <dd data-testid="decision">
              {leadTerm(p, v.decision.status)}: {v.decision.reason}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t('leadFound')}</h2>
      <p class="card" data-testid="found" data-raw>
        {v.found}
      </p>
      <h2>{t('leadGoods')}</h2>
      <DataTable
        testid="goods"
        empty={t('none')}
        rows={v.goods}
        columns={[
          { head: t('name'), cell: (g) => <span data-raw>{g.name}</span> },
          { head: t('leadSku'), cell: (g) => <span data-raw>{g.sku ?? '—'}</span> },
          { head: t('leadLinkUrl'), cell: (g) => (g.url ? <code>{g.url}</code> : '—') },
        ]}
      />
      <div class="grid">
        <section>
          <h2>{t('leadRecords')}</h2>
          <ul data-testid="records">
            {v.records.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </section>
        <section>
          <h2>{t('leadMeasures')}</h2>
          <ul data-testid="measures">
            {v.measures.map((m) => (
              <li>
                {leadTerm(p, m.measure)}
                {m.taken_on ? <span class="muted"> · {m.taken_on}</span> : null}
              </li>
            ))}
          </ul>
          {v.measures_note ? <p>{v.measures_note}</p> : null}
        </section>
      </div>
      <h2>{t('leadFiles')}</h2>
      {v.files.length === 0 ? <p class="muted">{t('none')}</p> : null}
      <ul data-testid="files">
        {v.files.map((f) => (
          <li>
            <a href={`/console/leads/${row.id}/files/${f.sha256}`}>{f.name}</a>{' '}
            <span class="muted">
              {f.media_type} · {f.size} B
            </span>
          </li>
        ))}
      </ul>
      <h2>{t('leadLinks')}</h2>
      {v.links.length === 0 ? <p class="muted">{t('none')}</p> : null}
      <ul data-testid="links">
        {v.links.map((l) => (
          <li>
            {leadTerm(p, l.kind)}:{' '}
            {'penalty_id' in l && l.penalty_id ? (
              <a href={`/console/subjects/${row.subject_id}`}>
                {'decision_number' in l ? l.decision_number : l.penalty_id}
              </a>
            ) : 'warning_id' in l ? (
              <a href={`/console/risk/${l.warning_id}`}>{term(p.lang, l.signal ?? l.warning_id)}</a>
            ) : null}{' '}
            <span class="muted">
              <When lang={p.lang} iso={l.linked_at} />
              {'note' in l && l.note ? ` · ${l.note}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <h2>{t('steps')}</h2>
      <DataTable
        testid="steps"
        empty={t('none')}
        rows={v.events}
        columns={[
          { head: t('when'), cell: (e) => <When lang={p.lang} iso={e.at} />, align: 'nowrap' },
          { head: t('who'), cell: (e) => <span data-raw>{actorName(gw, e.actor)}</span> },
          { head: t('event'), cell: (e) => <Status lang={p.lang} value={e.action} prefix="lead." /> },
          { head: t('status'), cell: (e) => <Status lang={p.lang} value={e.to} prefix="lead." /> },
          { head: t('note'), cell: (e) => <span data-raw>{e.note ?? ''}</span> },
        ]}
      />
      {steps.length ? <h2>{t('actions')}</h2> : null}
      {steps.includes('assign') ? (
        <form method="post" action={`/console/leads/${row.id}/assign`} class="inline card">
          {csrfField}
          <strong>{t('leadAssign')}</strong>
          <input
            name="assignee"
            maxlength={MAX_ASSIGNEE}
            aria-label={t('assignee')}
            placeholder={`${t('assignee')} (${t('yourself')})`}
            title={t('assigneeHint')}
          />
          <button type="submit" class="secondary" data-step="assign">
            {t('leadAssign')}
          </button>
        </form>
      ) : null}
      {steps.includes('link') ? (
        <form method="post" action={`/console/leads/${row.id}/link`} class="stack card">
          {csrfField}
          <strong>{t('leadLink')}</strong>
          <span class="muted">{t('leadLinkHint')}</span>
          {penalties.length + warnings.length ? (
            <Field label={t('ledTo')} name="target">
              <select id="f-target" name="target">
                <option value="">—</option>
                <PenaltyChoices p={p} penalties={penalties} />
                {warnings.length ? (
                  <optgroup label={t('risk')}>
                    {warnings.map((w) => (
                      <option value={`warning:${w.id}`}>
                        {term(p.lang, w.signal)} · {term(p.lang, w.status)} ·{' '}
                        <When lang={p.lang} iso={w.first_seen} date />
                      </option>
                    ))}
                  </optgroup>
                ) : null}
              </select>
            </Field>
          ) : (
            <p class="notice warn">{t('leadNoTargets')}</p>
          )}
          <Field label={t('leadTargetId')} name="target_id">
            <input id="f-target_id" name="target_id" maxlength={26} pattern="[0-9A-Za-z]{26}" />
          </Field>
          <Field label={t('note')} name="link-note">
            <input id="f-link-note" name="note" maxlength={2000} />
          </Field>
          <div>
            <button type="submit" data-step="link">
              {t('leadLink')}
            </button>
          </div>
        </form>
      ) : null}
      {(['close', 'dismiss'] as const)
        .filter((s) => steps.includes(s))
        .map((s) => (
          <form method="post" action={`/console/leads/${row.id}/${s}`} class="stack card">
            {csrfField}
            <strong>{t(s === 'close' ? 'leadClose' : 'leadDismiss')}</strong>
            <Field
              label={t('reason')}
              name={`${s}-reason`}
              hint={t(s === 'close' ? 'leadCloseHint' : 'leadDismissHint')}
              required
            >
              <textarea id={`f-${s}-reason`} name="reason" required maxlength={2000}></textarea>
            </Field>
            <div>
              <button type="submit" data-step={s} class={s === 'dismiss' ? 'danger' : undefined}>
                {t(s === 'close' ? 'leadClose' : 'leadDismiss')}
              </button>
            </div>
          </form>
        ))}
    </Layout>
  );
};
