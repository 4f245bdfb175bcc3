/**
 * What the public and regulators see of a subject's credit record. The public view shows public facts
 * only: public events in the explanation, open list entries, penalties while they are published, the
 * latest verification and the active marks; a natural person's name is masked and no ID number or
 * phone number appears anywhere. The regulator view is the whole record.
 */
import type { Gateway } from '../gateway-types.ts';
import { notFound } from '../errors.ts';
import { chinaToday } from '../lib/dates.ts';
import { maskIdNumber, maskPersonName } from '../lib/mask.ts';
import { scrubPersonalData } from '../lib/scrub.ts';
import { markStatus } from '../marks/mark.ts';
import { complaintStats, complaintView, publishedNarratives } from '../complaints/views.ts';
import { type ScoredEvent, scoreSubject } from './model.ts';
import type { ListEntryRow, PenaltyRow } from './records.ts';
import { penaltyIsPublic, penaltyState, publishedLate, withdrawnLate } from './rules.ts';
import type { CreditEventRow } from './store.ts';
import { subjectNameView } from './subject-name.ts';

type ViewGateway = Pick<
  Gateway,
  | 'credit'
  | 'creditRecords'
  | 'sellers'
  | 'verifications'
  | 'marks'
  | 'keys'
  | 'audit'
  | 'config'
  | 'complaints'
  | 'accounts'
  | 'transactions'
  | 'decisions'
>;

function subjectOrThrow(gw: ViewGateway, subjectId: string) {
  const subject = gw.sellers.subject(subjectId);
  if (!subject) throw notFound('subject');
  return subject;
}

/**
 * The name the public sees: an organisation's in full, a natural person's masked. `legal_name` is the
 * shown name of decision 0013 (a confirmed one, or the one most platforms file), never simply the last
 * platform's.
 */
export function publicName(subject: { kind: string; legal_name: string }): string {
  return subject.kind === 'natural_person' ? maskPersonName(subject.legal_name) : subject.legal_name;
}

function latestVerifications(
  gw: ViewGateway,
  stores: { platform_id: number; seller_id: string; platform: string }[],
) {
  return stores
    .map((s) => ({
      store: s,
      v: gw.verifications.latestOfStore(s.platform_id, s.seller_id),
    }))
    .filter((x) => x.v !== undefined)
    .map(({ store, v }) => ({
      verification_id: v!.id,
      platform: store.platform,
      seller_id: store.seller_id,
      store_url: v!.store_url,
      verdict: v!.verdict,
      reason: v!.reason,
      finished_at: v!.finished_at,
    }))
    .sort((a, b) => b.finished_at.localeCompare(a.finished_at));
}

function marksOf(gw: ViewGateway, subjectId: string, now: Date) {
  return gw.marks.unrevokedOfSubject(subjectId).map((m) => ({
    mark_id: m.id,
    origin: m.origin,
    status: markStatus(m, now),
    issued_at: m.issued_at,
    expires_at: m.expires_at,
    verification_page: `${gw.config.publicUrl}/marks/${m.id}`,
  }));
}

const publicEntry = (e: ListEntryRow) => ({
  list: e.list,
  reason: e.reason,
  legal_basis: e.legal_basis,
  entered_on: e.entered_on,
  ends_on: e.list === 'serious' ? e.ends_on : null,
});

function publicPenalty(p: PenaltyRow, names: string[]) {
  return {
    decision_number: p.decision_number,
    authority: p.authority,
    facts: scrubPersonalData(p.facts, names),
    legal_basis: p.legal_basis,
    penalty: scrubPersonalData(p.penalty, names),
    severity: p.severity,
    decided_on: p.decided_on,
    published_at: p.published_at!,
    public_until: p.public_until!,
  };
}

/** What the public score reads of an event, and whether the event shows in its explanation. */
export type PageEvent = ScoredEvent & { public: 0 | 1 };

/** The public score at `now`, and the lines of its explanation that come from public events. */
export function publicCredit(events: readonly PageEvent[], now: Date) {
  const score = scoreSubject(events, now);
  const publicIds = new Set(events.filter((e) => e.public === 1).map((e) => e.id));
  return {
    model_version: score.model_version,
    at: score.at,
    score: score.score,
    tier: score.tier,
    tier_rule: score.tier_rule,
    explanation: score.explanation
      .filter((c) => publicIds.has(c.event_id))
      .map(({ event_id, kind, severity, occurred_at, weight, decay, points }) => ({
        event_id,
        kind,
        severity,
        occurred_at,
        weight,
        decay,
        points,
      })),
  };
}

/** The first moment of a China Standard Time date (YYYY-MM-DD), as an RFC 3339 UTC timestamp. */
const chinaDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();

/**
 * A subject's public page at `now` without its score, the subject's events for the score, and the next
 * moment at which time alone changes that page (`changes_at`: an active mark expires, a penalty's
 * publication ends), or null. Besides that moment, only a written record changes it: pages.ts keeps it.
 */
export function publicSubjectRecord(gw: ViewGateway, subjectId: string, now: Date) {
  const subject = subjectOrThrow(gw, subjectId);
  const stores = gw.sellers.storesOfSubject(subjectId);
  const person = subject.kind === 'natural_person';
  // A natural person's own name is scrubbed from published texts as well.
  const names = person ? [subject.legal_name] : [];
  const penalties = gw.creditRecords.penaltiesOf(subjectId).filter((p) => penaltyIsPublic(p, now));
  const marks = marksOf(gw, subjectId, now).filter((m) => m.status === 'active');
  const licenses = publicLicenses(gw, subjectId, now);
  const changes = [
    ...marks.map((m) => m.expires_at),
    ...penalties.map((p) => chinaDayStart(p.public_until!)),
    // A licence shows through its last day of validity.
    ...licenses.flatMap((l) =>
      l.valid_until ? [new Date(Date.parse(chinaDayStart(l.valid_until)) + 86_400_000).toISOString()] : [],
    ),
  ].sort();
  return {
    head: {
      subject_id: subject.id,
      kind: subject.kind,
      name: publicName(subject),
      uscc: person ? null : subject.uscc,
    },
    events: gw.credit.eventsOf(subjectId).map((e): PageEvent => ({
      id: e.id,
      kind: e.kind,
      severity: e.severity,
      occurred_at: e.occurred_at,
      counts_until: e.counts_until,
      cancels: e.cancels,
      public: e.public,
    })),
    rest: {
      stores: stores.map((s) => ({
        platform: s.platform,
        platform_name: s.platform_name,
        store_name: s.store_name,
        store_url: s.store_url,
        status: s.status,
      })),
      lists: gw.creditRecords
        .entriesOf(subjectId)
        .filter((e) => e.removed_at === null)
        .map(publicEntry),
      penalties: penalties.map((p) => publicPenalty(p, names)),
      licenses,
      latest_verification: latestVerifications(gw, stores)[0] ?? null,
      marks,
      complaints: complaintStats(gw, subjectId, stores),
      narratives: publishedNarratives(gw, subjectId, person ? subject.legal_name : null),
    },
    changes_at: changes[0] ?? null,
  };
}

export type PublicSubjectRecord = ReturnType<typeof publicSubjectRecord>;

/**
 * The administrative licences departments filed about the subject (issue 16), in force and not expired:
 * double publicity publishes them as it publishes penalties.
 */
function publicLicenses(gw: ViewGateway, subjectId: string, now: Date) {
  const today = chinaToday(now);
  return gw.decisions.licensesOf(subjectId).flatMap((d) => {
    const r = JSON.parse(d.record) as Record<string, string | undefined>;
    if (r.license_status === 'invalid' || (r.valid_until && r.valid_until < today)) return [];
    return [
      {
        decision_number: d.decision_number,
        authority: r.authority_name ?? '',
        license_category: r.license_category ?? 'other',
        content: r.content ?? '',
        license_number: r.license_number ?? null,
        decided_on: d.decided_on,
        valid_from: r.valid_from ?? null,
        valid_until: r.valid_until ?? null,
      },
    ];
  });
}

/** The public credit page of a subject (GET /public/credit/subjects/{id}), built from the records. */
export function publicSubjectView(gw: ViewGateway, subjectId: string, now = new Date()) {
  const { head, events, rest } = publicSubjectRecord(gw, subjectId, now);
  return { ...head, credit: publicCredit(events, now), ...rest };
}

export type PublicSubjectView = ReturnType<typeof publicSubjectView>;

/** One line of a public search result. */
export function publicSearchHit(gw: ViewGateway, subjectId: string, now = new Date()) {
  const subject = subjectOrThrow(gw, subjectId);
  const score = scoreSubject(gw.credit.eventsOf(subjectId), now);
  return {
    subject_id: subject.id,
    kind: subject.kind,
    name: publicName(subject),
    uscc: subject.kind === 'natural_person' ? null : subject.uscc,
    tier: score.tier,
    score: score.score,
    stores: gw.sellers.storesOfSubject(subjectId).map((s) => ({
      platform: s.platform,
      store_name: s.store_name,
      store_url: s.store_url,
    })),
  };
}

function penaltyOut(p: PenaltyRow, now: Date) {
  return {
    ...p,
    state: penaltyState(p, now),
    published_late: publishedLate(p, now),
    withdrawn_late: withdrawnLate(p),
  };
}

export const regulatorPenalty = penaltyOut;

const eventOut = (e: CreditEventRow) => ({ ...e, public: e.public === 1 });

/** The whole record for regulators (GET /v1/regulator/subjects/{id}): ID numbers stay masked here too. */
export function regulatorSubjectView(gw: ViewGateway, subjectId: string, now = new Date()) {
  const subject = subjectOrThrow(gw, subjectId);
  const events = gw.credit.eventsOf(subjectId);
  const stores = gw.sellers.storesOfSubject(subjectId);
  const today = chinaToday(now);
  return {
    subject: {
      id: subject.id,
      kind: subject.kind,
      legal_name: subject.legal_name,
      name_basis: subject.name_basis,
      uscc: subject.uscc,
      id_number_masked: subject.id_number_enc ? maskIdNumber(gw.keys.decrypt(subject.id_number_enc)) : null,
      created_at: subject.created_at,
      updated_at: subject.updated_at,
    },
    name: subjectNameView(gw, subjectId),
    credit: scoreSubject(events, now),
    stored_scores: gw.creditRecords.scoresOf(subjectId).map((s) => ({
      model_version: s.model_version,
      score: s.score,
      tier: s.tier,
      tier_rule: s.tier_rule,
      computed_at: s.computed_at,
    })),
    sellers: stores.map((s) => ({
      platform: s.platform,
      platform_name: s.platform_name,
      seller_id: s.seller_id,
      subject_type: s.subject_type,
      legal_name: s.legal_name,
      store_name: s.store_name,
      store_url: s.store_url,
      status: s.status,
      version: s.version,
      first_filed_at: s.first_filed_at,
      updated_at: s.updated_at,
    })),
    events: events.map(eventOut),
    lists: gw.creditRecords.entriesOf(subjectId).map((e) => ({
      ...e,
      open: e.removed_at === null,
      due: e.removed_at === null && today >= e.ends_on,
    })),
    penalties: gw.creditRecords.penaltiesOf(subjectId).map((p) => penaltyOut(p, now)),
    commitments: gw.creditRecords.commitmentsOf(subjectId).map((c) => ({ ...c, counted: c.counted === 1 })),
    verifications: latestVerifications(gw, stores),
    marks: marksOf(gw, subjectId, now),
    alerts: gw.creditRecords.alertsOf(subjectId),
    complaints: {
      ...complaintStats(gw, subjectId),
      latest: gw.complaints.ofSubject(subjectId, 50).map((row) => complaintView(gw, row, 'regulator')),
    },
  };
}
