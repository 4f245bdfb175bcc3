import { Hono, type Context } from 'hono';
import { statusOf } from '../http/errors.ts';
import type { Verification } from '../../crawlers/verify/verification.ts';
import { ListEntryInputSchema, PenaltyInputSchema } from '../credit/routes.ts';
import {
  enterList,
  overturnPenalty,
  publishPenalty,
  recordPenalty,
  removeFromList,
} from '../credit/service.ts';
import { SECTORS } from '../credit/rules.ts';
import { regulatorSubjectView } from '../credit/views.ts';
import { DomainError } from '../errors.ts';
import { chinaToday } from '../lib/dates.ts';
import { refusal, severityTerm, term } from './i18n.ts';
import { MarkFindings, Pager, pageOffset, Status, SubjectHits, When } from './ui.tsx';
import { type PageContext, ExplanationTable, Field, Layout, Notice, render } from './layout.tsx';
import { notFoundPage } from './public-pages.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';
import { findSubjects, SEARCH_LIMIT } from '../credit/search.ts';
import { evidenceHeaders } from '../verification/evidence-file.ts';
import { riskStore, type WarningRow } from '../risk/store.ts';
import { SubjectWarnings } from './risk-pages.tsx';

const ULID = /^[0-9A-Z]{26}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Search, a subject's whole record with its stores' latest verifications, and the credit actions. */
export function subjectConsole(gw: ConsoleGateway) {
  const app = new Hono<ConsoleEnv>();
  const actor = (c: Context<ConsoleEnv>) => `regulator:${c.get('session').regulator.id}`;
  const risk = riskStore(gw.db);

  app.get('/console/subjects', (c) => {
    const p = c.get('page');
    const q = (c.req.query('q') ?? '').trim();
    const offset = pageOffset(c.req.query('offset'));
    const found =
      q.length >= 2 && q.length <= 200 ? findSubjects(gw, q, { limit: SEARCH_LIMIT, offset }) : null;
    return render(
      c,
      <Layout p={p} title={p.t('searchSubjects')}>
        <form method="get" action="/console/subjects" class="inline" role="search">
          <input
            name="q"
            value={q}
            maxlength={200}
            aria-label={p.t('query')}
            placeholder={p.t('searchHint')}
          />
          <button type="submit">{p.t('search')}</button>
        </form>
        {found ? (
          <>
            <SubjectHits
              lang={p.lang}
              t={p.t}
              hits={found.ids.map((id) => {
                const s = gw.sellers.subject(id)!;
                const stores = gw.sellers
                  .storesOfSubject(id)
                  .map((st) => `${st.platform}/${st.seller_id} ${st.store_name}`)
                  .join('; ');
                return { subject_id: id, name: s.legal_name, kind: s.kind, uscc: s.uscc, stores };
              })}
              href={(id) => `/console/subjects/${id}`}
            />
            <Pager
              t={p.t}
              total={found.total}
              offset={offset}
              shown={found.ids.length}
              limit={SEARCH_LIMIT}
              href={(o) => `/console/subjects?q=${encodeURIComponent(q)}${o ? `&offset=${o}` : ''}`}
            />
          </>
        ) : null}
      </Layout>,
    );
  });

  const subjectPage = (
    c: Context<ConsoleEnv>,
    id: string,
    extra: { error?: string; notice?: string } = {},
    status = 200,
  ) => {
    if (!ULID.test(id) || !gw.sellers.subject(id)) return notFoundPage(c, c.get('page'));
    const view = regulatorSubjectView(gw, id);
    const latest = view.sellers.map((s) => {
      const platform = gw.accounts.platformBySlug(s.platform)!;
      const row = gw.verifications.verificationsOf(platform.id, s.seller_id, '9999', 1)[0];
      return { seller: s, row, record: row ? (JSON.parse(row.record) as Verification) : null };
    });
    return render(
      c,
      <SubjectPage
        p={c.get('page')}
        csrf={c.get('session').csrf}
        v={view}
        latest={latest}
        warnings={risk.ofSubject(id)}
        {...extra}
      />,
      status,
    );
  };
  const done = (c: Context<ConsoleEnv>, subjectId: string, what: string) =>
    c.redirect(`/console/subjects/${subjectId}?done=${encodeURIComponent(what)}`, 303);
  /** Runs a credit verb; its refusal is shown on the subject page with the status the API would give. */
  const act = (c: Context<ConsoleEnv>, subjectId: string, what: string, verb: () => unknown) => {
    try {
      verb();
      return done(c, subjectId, what);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return subjectPage(c, subjectId, { error: refusal(c.get('page').lang, err) }, statusOf(err));
    }
  };

  app.get('/console/subjects/:id', (c) => {
    const p = c.get('page');
    const done: Record<string, string> = {
      recordPenalty: p.t('recordPenalty'),
      published: p.t('publish'),
      withdrawn: p.t('withdraw'),
      abnormal: `${p.t('enterList')}: ${term(p.lang, 'abnormal')}`,
      serious: `${p.t('enterList')}: ${term(p.lang, 'serious')}`,
      removeEntry: p.t('removeEntry'),
    };
    const what = done[c.req.query('done') ?? ''];
    return subjectPage(c, c.req.param('id'), what ? { notice: `${what} ✓` } : {});
  });

  app.post('/console/subjects/:id/penalties', (c) => {
    const id = c.req.param('id');
    const f = c.get('form');
    const [platform, sellerId] = (f.store ?? '').split('/');
    const parsed = PenaltyInputSchema.safeParse({
      decision_number: f.decision_number,
      subject_id: id,
      ...(platform && sellerId ? { store: { platform, seller_id: sellerId } } : {}),
      authority: f.authority,
      facts: f.facts,
      legal_basis: f.legal_basis,
      penalty: f.penalty,
      severity: f.severity,
      sector: f.sector || 'general',
      decided_on: f.decided_on,
      publish: f.publish === 'yes',
    });
    if (!parsed.success)
      return subjectPage(
        c,
        id,
        { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') },
        400,
      );
    const body = parsed.data;
    return act(c, id, 'recordPenalty', () => {
      let store: { platform_id: number; seller_id: string } | undefined;
      if (body.store) {
        const pl = gw.accounts.platformBySlug(body.store.platform);
        if (!pl) throw new DomainError('not_found', 'no such platform');
        store = { platform_id: pl.id, seller_id: body.store.seller_id };
      }
      recordPenalty(gw, { ...body, sector: body.sector as (typeof SECTORS)[number], store }, actor(c));
    });
  });

  const penaltySubject = (id: string) => (ULID.test(id) ? gw.creditRecords.penalty(id) : undefined);
  app.post('/console/penalties/:pid/publish', (c) => {
    const penalty = penaltySubject(c.req.param('pid'));
    if (!penalty) return notFoundPage(c, c.get('page'));
    return act(c, penalty.subject_id, 'published', () => publishPenalty(gw, penalty.id, actor(c)));
  });
  app.post('/console/penalties/:pid/withdraw', (c) => {
    const penalty = penaltySubject(c.req.param('pid'));
    if (!penalty) return notFoundPage(c, c.get('page'));
    const f = c.get('form');
    const reason = (f.reason ?? '').trim();
    const on = (f.overturned_on ?? '').trim() || chinaToday();
    if (!reason || reason.length > 1000 || !/^\d{4}-\d{2}-\d{2}$/.test(on))
      return subjectPage(
        c,
        penalty.subject_id,
        { error: `${c.get('page').t('reason')} / ${c.get('page').t('overturnedOn')}` },
        400,
      );
    return act(c, penalty.subject_id, 'withdrawn', () =>
      overturnPenalty(gw, penalty.id, { overturned_on: on, reason }, actor(c)),
    );
  });

  app.post('/console/subjects/:id/lists', (c) => {
    const id = c.req.param('id');
    const f = c.get('form');
    const list = f.list === 'serious' ? 'serious' : 'abnormal';
    const parsed = ListEntryInputSchema.safeParse({
      subject_id: id,
      reason: f.reason,
      legal_basis: f.legal_basis,
      ...(f.penalty_id ? { penalty_id: f.penalty_id } : {}),
    });
    if (!parsed.success)
      return subjectPage(
        c,
        id,
        { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') },
        400,
      );
    return act(c, id, list, () => enterList(gw, list, parsed.data, actor(c)));
  });
  app.post('/console/lists/:eid/remove', (c) => {
    const eid = c.req.param('eid');
    const entry = ULID.test(eid) ? gw.creditRecords.entry(eid) : undefined;
    if (!entry) return notFoundPage(c, c.get('page'));
    const f = c.get('form');
    const reason = f.reason === 'repaired' ? 'repaired' : 'error';
    const note = (f.note ?? '').trim();
    if (!note || note.length > 1000)
      return subjectPage(c, entry.subject_id, { error: `${c.get('page').t('note')}: 1–1000` }, 400);
    return act(c, entry.subject_id, 'removeEntry', () => removeFromList(gw, eid, { reason, note }, actor(c)));
  });

  // The evidence of a verification, as GET /v1/regulator/verifications/{id}/evidence/{sha256} serves it
  // to bearer tokens: an attachment in a sandbox, so a kept store page never runs on the gateway.
  app.get('/console/verifications/:vid/evidence/:sha', async (c) => {
    const vid = c.req.param('vid');
    const sha = c.req.param('sha');
    const piece = ULID.test(vid) && SHA256.test(sha) ? gw.verifications.evidence(vid, sha) : undefined;
    const bytes = piece ? await gw.evidence.get(sha) : undefined;
    if (!piece || !bytes) return notFoundPage(c, c.get('page'));
    const inline = piece.media_type === 'image/png' && c.req.query('view') === '1';
    return c.body(new Uint8Array(bytes), 200, evidenceHeaders(vid, piece, sha, bytes.length, inline));
  });
  return app;
}

type SubjectView = ReturnType<typeof regulatorSubjectView>;
interface LatestVerification {
  seller: SubjectView['sellers'][number];
  row: { id: string; verdict: string; reason: string | null; finished_at: string } | undefined;
  record: Verification | null;
}

const SubjectPage = ({
  p,
  csrf,
  v,
  latest,
  warnings,
  error,
  notice,
}: {
  p: PageContext;
  csrf: string;
  v: SubjectView;
  latest: LatestVerification[];
  warnings: WarningRow[];
  error?: string | undefined;
  notice?: string | undefined;
}) => {
  const { t } = p;
  const csrfField = <input type="hidden" name="_csrf" value={csrf} />;
  const s = v.subject;
  return (
    <Layout p={p} title={s.legal_name}>
      {notice ? <Notice text={notice} /> : null}
      {error ? <Notice kind="error" text={error} /> : null}
      <dl class="facts">
        <dt>{t('kind')}</dt>
        <dd>{term(p.lang, s.kind)}</dd>
        <dt>{t('uscc')}</dt>
        <dd>{s.uscc ?? s.id_number_masked ?? '—'}</dd>
        <dt>{t('tier')}</dt>
        <dd>
          <span class={`tier tier-${v.credit.tier}`}>{v.credit.tier}</span> (
          {term(p.lang, `tier_rule.${v.credit.tier_rule}`)})
        </dd>
        <dt>{t('score')}</dt>
        <dd>{v.credit.score}</dd>
        <dt>{t('complaintStats')}</dt>
        <dd>
          {t('received')} {v.complaints.received} · {t('closed')} {v.complaints.closed} · {t('substantiated')}{' '}
          {v.complaints.substantiated}
        </dd>
      </dl>

      <h2>{t('sellers')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('platform')}</th>
            <th>{t('sellerId')}</th>
            <th>{t('storeName')}</th>
            <th>{t('storeUrl')}</th>
            <th>{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {v.sellers.map((x) => (
            <tr>
              <td>{x.platform_name}</td>
              <td data-raw>{x.seller_id}</td>
              <td data-raw>{x.store_name}</td>
              <td data-raw>{x.store_url}</td>
              <td>{term(p.lang, x.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('latestVerification')}</h2>
      {latest.filter((l) => l.row).length === 0 ? <p class="muted">{t('none')}</p> : null}
      {latest
        .filter((l) => l.row && l.record)
        .map(({ seller, row, record }) => (
          <div class="card">
            <p>
              <strong data-raw>
                {seller.platform}/{seller.seller_id}
              </strong>{' '}
              · <Status lang={p.lang} value={row!.verdict} />
              {row!.reason ? ` (${term(p.lang, row!.reason)})` : ''}
              {record!.marks_violation ? (
                <>
                  {' '}
                  · <span class="verdict-identity_missing">{term(p.lang, 'mark_not_genuine')}</span>
                </>
              ) : null}{' '}
              · <When lang={p.lang} iso={row!.finished_at} />
            </p>
            <p class="muted">
              {t('crawlerWords')}:{' '}
              <span lang="en" data-raw>
                {record!.detail}
              </span>
            </p>
            <table>
              <thead>
                <tr>
                  <th></th>
                  <th>{t('filed')}</th>
                  <th>{t('found')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th>{t('name')}</th>
                  <td data-raw>{record!.comparison.filed.name}</td>
                  <td data-raw>{record!.comparison.shown.name ?? record!.found.names.join('; ') ?? '—'}</td>
                </tr>
                <tr>
                  <th>{t('uscc')}</th>
                  <td>{record!.comparison.filed.uscc ?? '—'}</td>
                  <td>
                    {record!.comparison.shown.uscc ??
                      (record!.found.usccs.map((u) => u.code).join('; ') || '—')}
                  </td>
                </tr>
              </tbody>
            </table>
            <MarkFindings lang={p.lang} t={t} marks={record!.marks} />
            <p>
              {t('evidence')}:{' '}
              {(Object.entries(record!.evidence) as [string, { sha256: string; media_type: string }][]).map(
                ([kind, ref]) => (
                  <>
                    <a
                      href={`/console/verifications/${row!.id}/evidence/${ref.sha256}${kind === 'screenshot' ? '?view=1' : ''}`}
                    >
                      {term(p.lang, `evidence.${kind}`)}
                    </a>{' '}
                  </>
                ),
              )}
            </p>
          </div>
        ))}

      <h2>{t('marks')}</h2>
      {v.marks.length === 0 ? (
        <p class="muted">{t('none')}</p>
      ) : (
        <ul>
          {v.marks.map((m) => (
            <li>
              {m.origin} · {term(p.lang, m.status)} · <When lang={p.lang} iso={m.expires_at} date /> ·{' '}
              <a href={`/marks/${m.mark_id}`}>{t('verifyMark')}</a>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('complaints')}</h2>
      {v.complaints.latest.length === 0 ? (
        <p class="muted">{t('none')}</p>
      ) : (
        <ul>
          {v.complaints.latest.map((x) => (
            <li>
              <a href={`/console/complaints/${x.complaint_id}`}>{x.tracking_code}</a> ·{' '}
              {term(p.lang, x.status)} · {term(p.lang, x.category)} ·{' '}
              <When lang={p.lang} iso={x.submitted_at} date />
            </li>
          ))}
        </ul>
      )}

      <h2>{t('risk')}</h2>
      <SubjectWarnings p={p} warnings={warnings} />

      <h2>{t('explanation')}</h2>
      <ExplanationTable p={p} lines={v.credit.explanation} />
      <h2>{t('creditEvents')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('occurred')}</th>
            <th>{t('event')}</th>
            <th>{t('severity')}</th>
            <th>{t('public')}</th>
          </tr>
        </thead>
        <tbody>
          {v.events.map((e) => (
            <tr>
              <td>
                <When lang={p.lang} iso={e.occurred_at} date />
              </td>
              <td>
                {term(p.lang, e.kind)} <code class="muted">{e.source}</code>
              </td>
              <td>{severityTerm(p.lang, e.severity)}</td>
              <td>{e.public ? '✓' : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('lists')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('list')}</th>
            <th>{t('reason')}</th>
            <th>{t('enteredOn')}</th>
            <th>{t('endsOn')}</th>
            <th>{t('status')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {v.lists.map((e) => (
            <tr>
              <td>{term(p.lang, e.list)}</td>
              <td data-raw>{e.reason}</td>
              <td>{e.entered_on}</td>
              <td>{e.ends_on}</td>
              <td>
                {e.open ? (
                  term(p.lang, 'active')
                ) : (
                  <>
                    {term(p.lang, e.removal_reason)} <When lang={p.lang} iso={e.removed_at} date />
                  </>
                )}
              </td>
              <td>
                {e.open ? (
                  <form method="post" action={`/console/lists/${e.id}/remove`} class="inline">
                    {csrfField}
                    <select name="reason" aria-label={t('reason')}>
                      <option value="repaired">{term(p.lang, 'repaired')}</option>
                      <option value="error">{term(p.lang, 'error')}</option>
                    </select>
                    <input
                      name="note"
                      required
                      maxlength={1000}
                      placeholder={t('note')}
                      aria-label={t('note')}
                    />
                    <button type="submit" class="secondary">
                      {t('removeEntry')}
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action={`/console/subjects/${s.id}/lists`} class="stack card">
        {csrfField}
        <strong>{t('enterList')}</strong>
        <Field label={t('list')} name="list">
          <select id="f-list" name="list">
            <option value="abnormal">{term(p.lang, 'abnormal')}</option>
            <option value="serious">{term(p.lang, 'serious')}</option>
          </select>
        </Field>
        <Field label={t('reason')} name="reason" required>
          <input id="f-reason" name="reason" required maxlength={1000} />
        </Field>
        <Field label={t('legalBasis')} name="legal_basis" required>
          <input id="f-legal_basis" name="legal_basis" required maxlength={1000} />
        </Field>
        <Field label={t('penaltyId')} name="penalty_id">
          <select id="f-penalty_id" name="penalty_id">
            <option value="">—</option>
            {v.penalties.map((x) => (
              <option value={x.id}>{x.decision_number}</option>
            ))}
          </select>
        </Field>
        <div>
          <button type="submit">{t('enterList')}</button>
        </div>
      </form>

      <h2>{t('penalties')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('decisionNumber')}</th>
            <th>{t('severity')}</th>
            <th>{t('decidedOn')}</th>
            <th>{t('status')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {v.penalties.map((x) => (
            <tr>
              <td>
                {x.decision_number}
                <div class="muted">{x.penalty}</div>
              </td>
              <td>{severityTerm(p.lang, x.severity)}</td>
              <td>{x.decided_on}</td>
              <td>
                {term(p.lang, x.state)}{' '}
                {x.published_late || x.state === 'overdue' ? (
                  <span class="due-overdue">{t('overdue')}</span>
                ) : null}
              </td>
              <td>
                {x.state === 'unpublished' || x.state === 'overdue' ? (
                  <form method="post" action={`/console/penalties/${x.id}/publish`} class="inline">
                    {csrfField}
                    <button type="submit">{t('publish')}</button>
                  </form>
                ) : null}
                {x.withdrawn_at === null ? (
                  <form method="post" action={`/console/penalties/${x.id}/withdraw`} class="inline">
                    {csrfField}
                    <input name="overturned_on" type="date" aria-label={t('overturnedOn')} />
                    <input
                      name="reason"
                      required
                      maxlength={1000}
                      placeholder={t('reason')}
                      aria-label={t('reason')}
                    />
                    <button type="submit" class="danger">
                      {t('withdraw')}
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action={`/console/subjects/${s.id}/penalties`} class="stack card">
        {csrfField}
        <strong>{t('recordPenalty')}</strong>
        <Field label={t('decisionNumber')} name="decision_number" required>
          <input id="f-decision_number" name="decision_number" required maxlength={100} />
        </Field>
        <Field label={t('stores')} name="store">
          <select id="f-store" name="store">
            <option value="">—</option>
            {v.sellers.map((x) => (
              <option value={`${x.platform}/${x.seller_id}`}>
                {x.platform}/{x.seller_id}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('authority')} name="authority" required>
          <input id="f-authority" name="authority" required maxlength={200} />
        </Field>
        <Field label={t('facts')} name="facts" required>
          <textarea id="f-facts" name="facts" required maxlength={5000}></textarea>
        </Field>
        <Field label={t('legalBasis')} name="legal_basis" required>
          <input id="f-pen-legal_basis" name="legal_basis" required maxlength={1000} />
        </Field>
        <Field label={t('penalty')} name="penalty" required>
          <input id="f-penalty" name="penalty" required maxlength={1000} />
        </Field>
        <Field label={t('severity')} name="severity">
          <select id="f-severity" name="severity">
            {['minor', 'moderate', 'serious'].map((x) => (
              <option value={x}>{severityTerm(p.lang, x)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('sector')} name="sector">
          <select id="f-sector" name="sector">
            {SECTORS.map((x) => (
              <option value={x}>{term(p.lang, x)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('decidedOn')} name="decided_on" required>
          <input id="f-decided_on" name="decided_on" type="date" required />
        </Field>
        <label>
          <input type="checkbox" name="publish" value="yes" /> {t('publishNow')}
        </label>
        <div>
          <button type="submit">{t('recordPenalty')}</button>
        </div>
      </form>
    </Layout>
  );
};
