/**
 * The events others must act on (issue 16). Each is written by the verb that makes the change, in the
 * same transaction (src/events/store.ts append), so an event exists exactly when its change does.
 */
export const EVENT_TYPES = [
  'list.entered',
  'list.removed',
  'penalty.published',
  'penalty.withdrawn',
  'mark.revoked',
  'verification.violation',
  'complaint.forwarded',
  'assistance.requested',
  'license.published',
  'product.recalled',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  'list.entered':
    'A market subject entered the abnormal-operations or the serious-dishonesty list: platforms with its stores act on it (joint punishment) and acknowledge.',
  'list.removed': 'A list entry ended: expired, repaired, entered in error, or moved to the serious list.',
  'penalty.published': 'An administrative penalty became public.',
  'penalty.withdrawn': 'A public penalty left the public record: overturned or repaired.',
  'mark.revoked': 'A trust mark was revoked; the store must stop showing it.',
  'verification.violation':
    'A crawl found a store not showing its real-name identity, or showing a different one, or a false trust mark: the platform must act (E-Commerce Law art. 29).',
  'complaint.forwarded': 'A consumer complaint was forwarded to the platform to answer.',
  'assistance.requested': 'A regulator asked the platform for a seller’s records.',
  'license.published': 'A department filed an administrative licensing decision.',
  'product.recalled':
    'A regulator recalled products by their trace codes: the platform’s orders that sold them, to act on (tell the buyers, stop the sales).',
};

/** What a verb announces: its type, whom it concerns and what it says (no personal data, ever). */
export interface NewEvent {
  type: EventType;
  /** The market subject it is about: every platform that filed a seller of it sees it. */
  subject_id?: string | null;
  /** The platform it is addressed to (its store, complaint or request). */
  platform_id?: number | null;
  data: Record<string, unknown>;
}

export interface EventRow {
  seq: number;
  type: EventType;
  at: string;
  subject_id: string | null;
  platform_id: number | null;
  data: string;
}

/** Who reads the feed: a platform sees what concerns it, departments and regulators see everything. */
export type EventViewer = { platformId: number } | 'all';

/** The body of a delivery and of each feed entry, as the Standard Webhooks payload shape. */
export interface EventPayload {
  type: EventType;
  timestamp: string;
  data: Record<string, unknown>;
  seq: number;
}

export function payloadOf(row: EventRow): EventPayload {
  return {
    type: row.type,
    timestamp: row.at,
    data: JSON.parse(row.data) as Record<string, unknown>,
    seq: row.seq,
  };
}
