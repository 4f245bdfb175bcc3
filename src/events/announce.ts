/**
 * What each event says, in one place (the contract receivers read; docs/events.md). Called by the verbs
 * inside their transactions. No event carries personal data: subjects by id and, for organisations, their
 * public unified social credit code; natural persons by id only.
 */
import { chinaToday } from '../lib/dates.ts';
import type { Gateway } from '../gateway-types.ts';
import type { ListEntryRow, PenaltyRow } from '../credit/records.ts';

type AnnounceGateway = Pick<Gateway, 'events' | 'sellers' | 'accounts'>;

function subjectRef(gw: AnnounceGateway, subjectId: string) {
  const s = gw.sellers.subject(subjectId);
  return { subject_id: subjectId, subject_kind: s?.kind ?? null, uscc: s?.uscc ?? null };
}

const slugOf = (gw: AnnounceGateway, platformId: number | null) =>
  platformId === null ? null : (gw.accounts.platformById(platformId)?.slug ?? null);

export function announceListEntered(
  gw: AnnounceGateway,
  entry: ListEntryRow,
  revokedMarks: string[],
  now: Date,
) {
  return gw.events.append(
    {
      type: 'list.entered',
      subject_id: entry.subject_id,
      data: {
        entry_id: entry.id,
        list: entry.list,
        ...subjectRef(gw, entry.subject_id),
        entered_on: entry.entered_on,
        ends_on: entry.ends_on,
        legal_basis: entry.legal_basis,
        penalty_id: entry.penalty_id,
        revoked_marks: revokedMarks,
      },
    },
    now,
  );
}

export function announceListRemoved(
  gw: AnnounceGateway,
  entry: ListEntryRow,
  reason: NonNullable<ListEntryRow['removal_reason']>,
  now: Date,
) {
  return gw.events.append(
    {
      type: 'list.removed',
      subject_id: entry.subject_id,
      data: {
        entry_id: entry.id,
        list: entry.list,
        ...subjectRef(gw, entry.subject_id),
        entered_on: entry.entered_on,
        removed_on: chinaToday(now),
        removal_reason: reason,
      },
    },
    now,
  );
}

const penaltyData = (gw: AnnounceGateway, p: PenaltyRow) => ({
  penalty_id: p.id,
  decision_number: p.decision_number,
  ...subjectRef(gw, p.subject_id),
  platform: slugOf(gw, p.platform_id),
  seller_id: p.seller_id,
  authority: p.authority,
  legal_basis: p.legal_basis,
  penalty: p.penalty,
  severity: p.severity,
  decided_on: p.decided_on,
});

export function announcePenaltyPublished(gw: AnnounceGateway, p: PenaltyRow, publicUntil: string, now: Date) {
  return gw.events.append(
    {
      type: 'penalty.published',
      subject_id: p.subject_id,
      platform_id: p.platform_id,
      data: { ...penaltyData(gw, p), public_until: publicUntil },
    },
    now,
  );
}

export function announcePenaltyWithdrawn(
  gw: AnnounceGateway,
  p: PenaltyRow,
  reason: 'overturned' | 'repaired' | 'withdrawn_by_department',
  now: Date,
) {
  return gw.events.append(
    {
      type: 'penalty.withdrawn',
      subject_id: p.subject_id,
      platform_id: p.platform_id,
      data: { ...penaltyData(gw, p), reason },
    },
    now,
  );
}

export function announceMarkRevoked(
  gw: AnnounceGateway,
  mark: { id: string; platform_id: number; seller_id: string; subject_id: string },
  reason: string,
  now: Date,
) {
  return gw.events.append(
    {
      type: 'mark.revoked',
      subject_id: mark.subject_id,
      platform_id: mark.platform_id,
      data: {
        mark_id: mark.id,
        platform: slugOf(gw, mark.platform_id),
        seller_id: mark.seller_id,
        subject_id: mark.subject_id,
        reason,
      },
    },
    now,
  );
}

export function announceViolation(
  gw: AnnounceGateway,
  store: { platform_id: number; seller_id: string; subject_id: string; store_url?: string },
  verification: { id: string; verdict: string },
  episodes: { id: string; about: string; violation: string; severity: string }[],
  now: Date,
) {
  return gw.events.append(
    {
      type: 'verification.violation',
      platform_id: store.platform_id,
      data: {
        verification_id: verification.id,
        verdict: verification.verdict,
        platform: slugOf(gw, store.platform_id),
        seller_id: store.seller_id,
        subject_id: store.subject_id,
        violations: episodes.map((e) => ({
          episode_id: e.id,
          about: e.about,
          violation: e.violation,
          severity: e.severity,
        })),
        legal_basis: 'E-Commerce Law art. 15, 29',
      },
    },
    now,
  );
}

export function announceComplaintForwarded(
  gw: AnnounceGateway,
  complaint: {
    id: string;
    platform_id: number;
    seller_id: string | null;
    category: string;
    due: string | null;
  },
  now: Date,
) {
  return gw.events.append(
    {
      type: 'complaint.forwarded',
      platform_id: complaint.platform_id,
      data: {
        complaint_id: complaint.id,
        platform: slugOf(gw, complaint.platform_id),
        seller_id: complaint.seller_id,
        category: complaint.category,
        answer_due: complaint.due,
      },
    },
    now,
  );
}

/** A department's licensing decision, as the exchange and the public page show it (no personal data). */
export function announceLicensePublished(
  gw: AnnounceGateway,
  license: {
    decision_key: string;
    subject_id: string;
    department: string;
    decision_number: string;
    license_category: string;
    license_number: string | null;
    content: string;
    decided_on: string;
    valid_from: string | null;
    valid_until: string | null;
    authority: string;
  },
  now: Date,
) {
  const { subject_id, ...rest } = license;
  return gw.events.append(
    { type: 'license.published', subject_id, data: { ...subjectRef(gw, subject_id), ...rest } },
    now,
  );
}
