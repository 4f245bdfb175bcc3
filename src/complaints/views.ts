/**
 * What each party sees of a complaint. Everyone sees the complainant's name and phone masked; only the
 * handling regulator may reveal them, with a reason that is audited (reveal()). Statistics and published
 * narratives for the public credit page.
 */
import type { Gateway } from '../gateway-types.ts';
import { chinaDate } from '../lib/dates.ts';
import { formatMoney } from '../lib/money.ts';
import { maskPersonName, maskPhone } from '../lib/mask.ts';
import { scrubPersonalData } from '../lib/scrub.ts';
import type { ComplaintRow } from './store.ts';
import { traceCodeOf } from './trace-code.ts';
import { type Actor, allowedSteps, type ComplaintState } from './workflow.ts';

type ViewGateway = Pick<Gateway, 'keys' | 'complaints' | 'accounts' | 'transactions' | 'sellers'>;
export type Audience = 'consumer' | 'platform' | 'regulator';

function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export function complaintView(gw: ViewGateway, row: ComplaintRow, audience: Audience) {
  const state = JSON.parse(row.state) as ComplaintState;
  const role: Actor = audience;
  const name = gw.keys.decrypt(row.name_enc);
  // What the consumer wrote reaches the platform without the consumer's own name or numbers in it.
  const consumerText = (text: string | null, byConsumer = true) =>
    text !== null && byConsumer && audience === 'platform' ? scrubPersonalData(text, [name]) : text;
  return {
    complaint_id: row.id,
    ...(audience === 'platform' ? {} : { tracking_code: row.tracking_code }),
    status: row.status,
    category: row.category,
    description: consumerText(row.description)!,
    amount_claimed: row.amount_minor === null ? null : formatMoney(row.amount_minor, row.currency!),
    currency: row.currency,
    platform: gw.accounts.platformById(row.platform_id)?.slug ?? null,
    store: { seller_id: row.seller_id, store_url: row.store_url, filed: row.seller_id !== null },
    linked: {
      order_id: row.order_id,
      order: row.order_link,
      verified_purchase: row.order_link === 'verified',
      order_store_differs: row.order_link === 'wrong_store',
      ...(audience === 'consumer'
        ? {}
        : { subject_id: row.subject_id, order_seller_id: row.order_seller_id }),
    },
    // Every party sees it: a code names a unit of a product, not a person.
    trace_code: traceCodeOf(row),
    complainant: {
      name: maskPersonName(name),
      phone: maskPhone(gw.keys.decrypt(row.phone_enc)),
      email: row.email_enc ? maskEmail(gw.keys.decrypt(row.email_enc)) : null,
    },
    publish_consent: row.publish_consent === 1,
    deadlines: state.deadlines,
    next_due: row.next_due,
    overdue: [...state.overdue],
    answer: state.answer,
    rejection: state.rejection,
    substantiated: state.substantiated,
    outcome: state.outcome,
    submitted_at: row.submitted_at,
    updated_at: row.updated_at,
    events: gw.complaints.events(row.id).map((e) => ({
      seq: e.seq,
      action: e.action,
      actor: e.actor,
      ...(audience === 'regulator' ? { actor_id: e.actor_id } : {}),
      at: e.at,
      from: e.from_status,
      to: e.to_status,
      message: consumerText(e.message, e.actor === 'consumer'),
      ...(JSON.parse(e.detail) as Record<string, unknown>),
    })),
    files: gw.complaints.files(row.id).map(({ sha256, media_type, size, name, added_at }) => ({
      sha256,
      media_type,
      size,
      name,
      added_at,
    })),
    /** What this party may do next. */
    next_steps: allowedSteps(state)
      .filter((s) => s.actors.includes(role) && s.action !== 'sweep')
      .map((s) => ({ action: s.action, ...(s.outcomes ? { outcomes: s.outcomes } : {}) })),
  };
}

/**
 * The complainant's personal data in full, for the handling regulator: the reason goes into the audit
 * log before anything is shown (the API and the console both ask here).
 */
export function revealComplainant(
  gw: ViewGateway & Pick<Gateway, 'audit'>,
  row: ComplaintRow,
  by: { actor: string; reason: string; via: 'api' | 'console' },
) {
  gw.audit.append({
    actor: by.actor,
    action: 'personal_data.reveal',
    target_type: 'complaint',
    target_id: row.id,
    reason: by.reason,
    detail: { fields: ['name', 'phone', 'email'], via: by.via },
  });
  return {
    name: gw.keys.decrypt(row.name_enc),
    phone: gw.keys.decrypt(row.phone_enc),
    email: row.email_enc ? gw.keys.decrypt(row.email_enc) : null,
  };
}

const ratio = (part: number, whole: number, per = 1) =>
  whole === 0 ? null : Math.round((part / whole) * per * 1000) / 1000;

function statsOf(counts: ReturnType<ViewGateway['complaints']['countsOfSubject']>, orders: number) {
  return {
    received: counts.received,
    closed: counts.closed,
    substantiated: counts.substantiated,
    orders_filed: orders,
    per_thousand_orders: ratio(counts.received, orders, 1000),
    share_substantiated: ratio(counts.substantiated, counts.closed),
    share_answered_in_time: ratio(counts.answered_in_time, counts.answer_due),
  };
}

/** Complaint statistics of a subject and of each of its stores, for the public credit page. */
export function complaintStats(
  gw: ViewGateway,
  subjectId: string,
  stores = gw.sellers.storesOfSubject(subjectId),
) {
  const perStore = stores.map((s) => {
    const orders = gw.transactions.ordersOf(s.platform_id, s.seller_id);
    return {
      platform: s.platform,
      store_name: s.store_name,
      store_url: s.store_url,
      ...statsOf(gw.complaints.countsOfSeller(s.platform_id, s.seller_id), orders),
    };
  });
  const orders = perStore.reduce((sum, s) => sum + s.orders_filed, 0);
  return { ...statsOf(gw.complaints.countsOfSubject(subjectId), orders), stores: perStore };
}

/** Narratives the consumers agreed to publish, with personal data scrubbed. */
export function publishedNarratives(
  gw: ViewGateway,
  subjectId: string,
  personName: string | null,
  limit = 10,
) {
  return gw.complaints.publishable(subjectId, limit).map((row) => {
    const state = JSON.parse(row.state) as ComplaintState;
    const names = [gw.keys.decrypt(row.name_enc), ...(personName ? [personName] : [])];
    return {
      category: row.category,
      submitted_on: chinaDate(row.submitted_at),
      outcome: state.outcome,
      narrative: scrubPersonalData(row.description, names),
    };
  });
}
