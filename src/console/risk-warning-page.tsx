import type { ListEntryRow } from '../credit/records.ts';
import type { Evidence } from '../risk/finding.ts';
import type { WarningRow } from '../risk/store.ts';
import type { WarningView } from '../risk/views.ts';
import { type MessageKey, term } from './i18n.ts';
import { type PageContext, Field, Layout, Notice } from './layout.tsx';
import { Target } from './risk-pages.tsx';
import { Severity, Status, When } from './ui.tsx';
import { actorName, PenaltyChoices } from './regulator-parts.tsx';
import type { ConsoleGateway } from './types.ts';

// One warning's page: what it concerns, why it was raised (the rule's sentence and numbers), the evidence
// linked to the console's pages, the decision, and the forms of the steps still open to it.

/** A store `<platform>/<seller id>` (as evidence names one) and the subject behind it, when filed. */
function storeSubject(gw: ConsoleGateway, ref: string): string | null {
  const slash = ref.indexOf('/');
  const platform = slash > 0 ? gw.accounts.platformBySlug(ref.slice(0, slash)) : undefined;
  return platform ? (gw.sellers.seller(platform.id, ref.slice(slash + 1))?.subject_id ?? null) : null;
}

const EVIDENCE_KINDS: [Exclude<keyof Evidence, 'hours'>, MessageKey][] = [
  ['subjects', 'evidenceSubjects'],
  ['sellers', 'evidenceSellers'],
  ['complaints', 'evidenceComplaints'],
  ['orders', 'evidenceOrders'],
  ['verifications', 'evidenceVerifications'],
  ['filings', 'evidenceFilings'],
];

/** How many ids of the evidence are shown, of how many in all ("20 of 57"), or the count when all are. */
function shownOf(p: PageContext, shown: number, total: number): string {
  if (shown >= total) return String(total);
  return p.t('shownOf').replace('{shown}', String(shown)).replace('{total}', String(total));
}

/** One id of the evidence, linked where the console has a page for it. */
function EvidenceId({ gw, kind, id }: { gw: ConsoleGateway; kind: string; id: string }) {
  if (kind === 'subjects') {
    const name = gw.sellers.subject(id)?.legal_name;
    return name ? <a href={`/console/subjects/${id}`}>{name}</a> : <>{id}</>;
  }
  if (kind === 'sellers') {
    const subject = storeSubject(gw, id);
    return subject ? <a href={`/console/subjects/${subject}`}>{id}</a> : <>{id}</>;
  }
  if (kind === 'complaints') {
    const complaint = gw.complaints.byId(id);
    return complaint ? <a href={`/console/complaints/${id}`}>{complaint.tracking_code}</a> : <>{id}</>;
  }
  return <code>{id}</code>;
}

/** A list entry as a choice and as what a warning led to: its list, when it was entered, its removal. */
function listEntryLabel(p: PageContext, e: ListEntryRow | undefined): string {
  if (!e) return '—';
  const removed = e.removed_at ? ` (${term(p.lang, e.removal_reason)})` : '';
  return `${term(p.lang, e.list)} · ${e.entered_on}${removed}`;
}

const Numbers = ({ caption, values }: { caption: string; values: Record<string, number | string> }) => (
  <table>
    <caption>{caption}</caption>
    <tbody>
      {Object.entries(values).map(([k, v]) => (
        <tr>
          <th>
            <code>{k}</code>
          </th>
          <td lang="en" data-raw>
            {String(v)}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const WarningPage = ({
  p,
  gw,
  csrf,
  w,
  v,
  notice,
  error,
}: {
  p: PageContext;
  gw: ConsoleGateway;
  csrf: string;
  w: WarningRow;
  v: WarningView;
  notice?: string | undefined;
  error?: string | undefined;
}) => {
  const { t } = p;
  const csrfField = <input type="hidden" name="_csrf" value={csrf} />;
  const subjectName = w.subject_id ? gw.sellers.subject(w.subject_id)?.legal_name : undefined;
  const target = w.seller_id
    ? `${w.platform ?? w.platform_id}/${w.seller_id}`
    : (subjectName ?? w.subject_id ?? w.platform ?? '—');
  const x = v.explanation;
  const undecided = w.status === 'open' || w.status === 'assigned';
  const penalties = w.subject_id ? gw.creditRecords.penaltiesOf(w.subject_id) : [];
  const entries = w.subject_id ? gw.creditRecords.entriesOf(w.subject_id) : [];
  const ledTo = v.decision?.penalty_id
    ? gw.creditRecords.penalty(v.decision.penalty_id)?.decision_number
    : v.decision?.list_entry_id
      ? listEntryLabel(p, gw.creditRecords.entry(v.decision.list_entry_id))
      : null;
  return (
    <Layout p={p} title={`${term(p.lang, w.signal)} · ${target}`}>
      {notice ? <Notice text={notice} /> : null}
      {error ? <Notice kind="error" text={error} /> : null}
      <dl class="facts">
        <dt>{t('signal')}</dt>
        <dd>
          {term(p.lang, w.signal)} <code class="muted">{w.rule_version}</code>
        </dd>
        <dt>{t('riskScore')}</dt>
        <dd data-testid="score">{w.score}</dd>
        <dt>{t('severity')}</dt>
        <dd>
          <Severity lang={p.lang} value={w.severity} />
        </dd>
        <dt>{t('status')}</dt>
        <dd data-testid="status">
          <Status lang={p.lang} value={w.status} />
        </dd>
        <dt>{t('target')}</dt>
        <dd>
          <Target p={p} gw={gw} w={w} />
        </dd>
        <dt>{t('platform')}</dt>
        <dd>{w.platform ?? '—'}</dd>
        <dt>{t('firstSeen')}</dt>
        <dd>
          <When lang={p.lang} iso={w.first_seen} />
        </dd>
        <dt>{t('lastSeen')}</dt>
        <dd>
          <When lang={p.lang} iso={w.last_seen} />
        </dd>
        {w.assignee ? (
          <>
            <dt>{t('assignee')}</dt>
            <dd data-testid="assignee">{actorName(gw, w.assignee)}</dd>
          </>
        ) : null}
      </dl>
      {v.decision ? (
        <section class="card" data-testid="decision">
          <strong>{t('decision')}</strong>: <Status lang={p.lang} value={w.status} />
          <dl class="facts">
            <dt>{t('decidedBy')}</dt>
            <dd>{actorName(gw, v.decision.by)}</dd>
            <dt>{t('decidedAt')}</dt>
            <dd>
              <When lang={p.lang} iso={v.decision.at} />
            </dd>
            <dt>{t('reason')}</dt>
            <dd>{v.decision.reason}</dd>
            {ledTo ? (
              <>
                <dt>{t('ledTo')}</dt>
                <dd>{w.subject_id ? <a href={`/console/subjects/${w.subject_id}`}>{ledTo}</a> : ledTo}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

      <h2>{t('whyRaised')}</h2>
      <p class="muted">{t('ruleWords')}</p>
      <p class="card" lang="en" data-raw data-testid="explanation">
        {x.text}
      </p>
      <dl class="facts">
        <dt>{t('rule')}</dt>
        <dd>
          <code>{x.rule}</code>
        </dd>
        <dt>{t('comparedWith')}</dt>
        <dd lang="en" data-raw>
          {x.comparison ?? '—'}
        </dd>
      </dl>
      <div class="grid">
        <Numbers caption={t('thresholds')} values={x.threshold} />
        <Numbers caption={t('valuesFound')} values={x.found} />
      </div>

      <h2>{t('evidence')}</h2>
      <dl class="facts" data-testid="evidence">
        {EVIDENCE_KINDS.filter(([kind]) => v.evidence[kind]).map(([kind, label]) => {
          const e = v.evidence[kind]!;
          return (
            <>
              <dt>
                {t(label)} <span class="muted">({shownOf(p, e.ids.length, e.total)})</span>
              </dt>
              <dd>
                {e.ids.map((id) => (
                  <>
                    <EvidenceId gw={gw} kind={kind} id={id} />{' '}
                  </>
                ))}
              </dd>
            </>
          );
        })}
        {v.evidence.hours?.length ? (
          <>
            <dt>{t('evidenceHours')}</dt>
            <dd>{v.evidence.hours.map((h) => `${h.replace('T', ' ')}:00`).join(', ')}</dd>
          </>
        ) : null}
      </dl>

      {undecided ? (
        <>
          <h2>{t('actions')}</h2>
          <form method="post" action={`/console/risk/${w.id}/assign`} class="inline card">
            {csrfField}
            <strong>{t('assignWarning')}</strong>
            <input
              name="assignee"
              maxlength={200}
              aria-label={t('assignee')}
              placeholder={`${t('assignee')} (${t('yourself')})`}
              title={t('assigneeHint')}
            />
            <button type="submit" class="secondary">
              {t('assignWarning')}
            </button>
          </form>
          <form method="post" action={`/console/risk/${w.id}/confirm`} class="stack card">
            {csrfField}
            <strong>{t('confirmWarning')}</strong>
            <span class="muted">{t('confirmHint')}</span>
            <Field label={t('reason')} name="confirm-reason" required>
              <textarea id="f-confirm-reason" name="reason" required maxlength={2000}></textarea>
            </Field>
            {w.subject_id ? (
              penalties.length + entries.length ? (
                <Field label={t('ledTo')} name="led_to" required>
                  <select id="f-led_to" name="led_to" required>
                    <option value="">—</option>
                    <PenaltyChoices p={p} penalties={penalties} />
                    {entries.length ? (
                      <optgroup label={t('lists')}>
                        {entries.map((e) => (
                          <option value={`entry:${e.id}`}>{listEntryLabel(p, e)}</option>
                        ))}
                      </optgroup>
                    ) : null}
                  </select>
                </Field>
              ) : (
                <p class="notice warn">
                  {t('noOutcomeYet')} <a href={`/console/subjects/${w.subject_id}`}>{t('subjects')}</a>
                </p>
              )
            ) : null}
            <div>
              <button type="submit">{t('confirmWarning')}</button>
            </div>
          </form>
          <form method="post" action={`/console/risk/${w.id}/dismiss`} class="stack card">
            {csrfField}
            <strong>{t('dismissWarning')}</strong>
            <Field label={t('reason')} name="dismiss-reason" hint={t('dismissHint')} required>
              <textarea id="f-dismiss-reason" name="reason" required maxlength={2000}></textarea>
            </Field>
            <div>
              <button type="submit" class="danger">
                {t('dismissWarning')}
              </button>
            </div>
          </form>
        </>
      ) : null}
    </Layout>
  );
};
