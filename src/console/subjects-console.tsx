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
import { refusal, term } from './i18n.ts';
import { Pager, pageOffset, SubjectHits } from './ui.tsx';
import { Layout, render } from './layout.tsx';
import { notFoundPage } from './public-pages.tsx';
import type { ConsoleEnv, ConsoleGateway } from './types.ts';
import { findSubjects, SEARCH_LIMIT } from '../credit/search.ts';
import { evidenceHeaders } from '../verification/evidence-file.ts';
import { riskStore } from '../risk/store.ts';
import { SubjectPage } from './subject-page.tsx';

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
