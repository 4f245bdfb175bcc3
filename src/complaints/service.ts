/**
 * Complaints as the gateway runs them: lodging (linking to the filed order, the store and its subject,
 * refusing duplicates, time-barred purchases and floods), every workflow step (workflow.ts) applied
 * in one transaction with its event, its audit entry and its credit events, and the sweep.
 */
import { announceComplaintForwarded } from '../events/announce.ts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Gateway } from '../gateway-types.ts';
import { DomainError, notFound, rateLimited } from '../errors.ts';
import { addMonths } from '../credit/rules.ts';
import { rescore } from '../credit/service.ts';
import type { CreditSeverity } from '../credit/model.ts';
import { chinaToday } from '../lib/dates.ts';
import { newId } from '../lib/ids.ts';
import { normalizeStoreUrl } from '../lib/store-url.ts';
import { HASH_DOMAIN } from '../sellers/prepare.ts';
import { checkMessageAllowance } from './limits.ts';
import type { ComplaintRow } from './store.ts';
import { checkedTraceCode, type GivenTraceCode } from './trace-code.ts';
import type { OrderVersion } from '../transactions/store.ts';
import {
  type ComplaintAction,
  type ComplaintCategory,
  type ComplaintEvent,
  type ComplaintState,
  ComplaintWorkflowError,
  countsAsSubstantiated,
  deadlinesOf,
  overdue,
  settledOutcome,
  shouldAutoAccept,
  submitComplaint,
  transition,
  type Actor,
} from './workflow.ts';

export type ComplaintGateway = Pick<
  Gateway,
  | 'db'
  | 'keys'
  | 'config'
  | 'complaints'
  | 'sellers'
  | 'transactions'
  | 'accounts'
  | 'credit'
  | 'creditRecords'
  | 'audit'
  | 'calendar'
  | 'events'
>;

/** Complaints about purchases longer ago than this are refused (Civil Code art. 188: three years). */
export const COMPLAINT_LIMIT_MONTHS = 36;

export interface LodgeInput {
  platform: string;
  store_url?: string | undefined;
  seller_id?: string | undefined;
  order_id?: string | undefined;
  category: ComplaintCategory;
  description: string;
  amount_minor: number | null;
  currency: string | null;
  /** The product trace code of the unit complained about (trace-code.ts). */
  trace_code?: GivenTraceCode | undefined;
  complainant: { name: string; phone: string; email?: string | undefined };
  publish_consent: boolean;
}

/** Who takes a step: the workflow's role, and for the record which platform or regulator. */
export interface StepActor {
  role: Actor;
  id: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** A tracking code people can read out: C-XXXX-XXXX in Crockford base 32. */
function trackingCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
  return `C-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Phone numbers compare by their digits (and a leading +). */
export const phoneKey = (phone: string) => phone.replace(/[^\d+]/g, '');

/** The access token matches the complaint (constant time); any mismatch looks the same to the caller. */
export function tokenMatches(row: ComplaintRow, token: string | undefined): boolean {
  if (!token) return false;
  const hash = sha256(token);
  return hash.length === row.token_hash.length && timingSafeEqual(hash, row.token_hash);
}

/** Refusals of the workflow become the gateway's problems, with the steps still open. */
function asDomainError(err: unknown): never {
  if (err instanceof ComplaintWorkflowError) {
    const code = err.code === 'invalid_action' ? 'invalid_body' : err.code;
    throw new DomainError(code, err.detail, { allowed: err.allowed });
  }
  throw err;
}

/** The deadline of the step now awaited: the queue's order. */
const nextDue = (state: ComplaintState) => deadlinesOf(state)[0]?.due ?? null;

/** The filed order a complaint names, as the transactions store has it (its latest version). */
export type FiledOrder = Pick<OrderVersion, 'seller_id' | 'placed_at'>;

/**
 * Lodges a complaint, with the product trace code it names when it names one (checked before anything
 * is written). `order` is the order `input.order_id` names, looked up by the caller in the
 * transactions store (`gw.orders`, which may be ClickHouse and answers asynchronously), null when there
 * is none; left out, it is looked up in SQLite (the embedded store: demos and tests).
 */
export function lodgeComplaint(
  gw: ComplaintGateway,
  input: LodgeInput,
  now = new Date(),
  order?: FiledOrder | null,
) {
  const platform = gw.accounts.platformBySlug(input.platform);
  if (!platform)
    throw new DomainError('invalid_body', `platform: no platform "${input.platform}"`, {
      errors: [{ field: 'platform', message: 'no such platform' }],
    });
  const storeUrl = input.store_url ? normalizeStoreUrl(input.store_url) : null;
  if (input.store_url && !storeUrl)
    throw new DomainError('invalid_body', 'store_url: not an http(s) URL', {
      errors: [{ field: 'store_url', message: 'not an http(s) URL' }],
    });
  const traceCode = checkedTraceCode(input.trace_code);
  const seller = input.seller_id
    ? gw.sellers.seller(platform.id, input.seller_id)
    : gw.sellers.sellerByStoreUrl(platform.id, storeUrl!);

  // The order: filed by this platform (a verified purchase), filed for another store, or unknown.
  let orderLink: ComplaintRow['order_link'] = 'none';
  let orderSeller: string | null = null;
  if (input.order_id) {
    if (order === undefined) order = gw.transactions.history(platform.id, input.order_id)[0] ?? null;
    if (!order) orderLink = 'unverified';
    else {
      orderSeller = order.seller_id;
      orderLink = seller && order.seller_id === seller.seller_id ? 'verified' : 'wrong_store';
      const limit = addMonths(chinaToday(now), -COMPLAINT_LIMIT_MONTHS);
      if (chinaToday(new Date(order.placed_at)) < limit)
        throw new DomainError(
          'complaint_time_barred',
          `the order was placed on ${chinaToday(new Date(order.placed_at))}, more than three years ago (before ${limit}): the claim is time-barred and the order may no longer be kept`,
        );
    }
  }
  const phone = phoneKey(input.complainant.phone);
  const phoneHash = gw.keys.keyedHash(HASH_DOMAIN.phone, phone);
  const limit = gw.config.complaints.perPhonePerDay;
  if (gw.complaints.countByPhoneSince(phoneHash, new Date(now.getTime() - 86_400_000).toISOString()) >= limit)
    throw rateLimited(`at most ${limit} complaints a day from one phone number`, 3600);
  if (input.order_id) {
    const duplicate = gw.complaints.openDuplicate(platform.id, input.order_id, input.category);
    // Never named: lodging has no login, and whoever knows an order number (the seller does) would learn
    // the other complaint's tracking code, half of what opens it. Its consumer has the code already.
    if (duplicate)
      throw new DomainError(
        'duplicate_complaint',
        `a complaint about order ${input.order_id} in category ${input.category} is open already: track it with the tracking code and access token given when it was lodged`,
      );
  }

  let submitted: { state: ComplaintState; event: ComplaintEvent };
  try {
    submitted = submitComplaint(
      { category: input.category, verified_purchase: orderLink === 'verified', message: input.description },
      now,
      gw.calendar,
    );
  } catch (err) {
    asDomainError(err);
  }
  const token = randomBytes(24).toString('base64url');
  const id = newId();
  const row: ComplaintRow = {
    id,
    tracking_code: trackingCode(),
    token_hash: sha256(token),
    platform_id: platform.id,
    seller_id: seller?.seller_id ?? null,
    subject_id: seller?.subject_id ?? null,
    store_url: storeUrl ?? seller?.store_url ?? null,
    order_id: input.order_id ?? null,
    order_link: orderLink,
    order_seller_id: orderSeller,
    category: input.category,
    description: input.description,
    amount_minor: input.amount_minor,
    currency: input.currency,
    trace_scheme: traceCode?.scheme ?? null,
    trace_code: traceCode?.code ?? null,
    name_enc: gw.keys.encrypt(input.complainant.name),
    phone_enc: gw.keys.encrypt(phone),
    phone_hash: phoneHash,
    email_enc: input.complainant.email ? gw.keys.encrypt(input.complainant.email) : null,
    publish_consent: input.publish_consent ? 1 : 0,
    status: submitted.state.status,
    state: JSON.stringify(submitted.state),
    next_due: nextDue(submitted.state),
    substantiated: 0,
    submitted_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  gw.db
    .transaction(() => {
      gw.complaints.insert(row);
      appendEvent(gw, id, submitted.event, null);
      // The configured rule: a verified purchase in these categories is accepted and forwarded at once.
      if (shouldAutoAccept(submitted.state, { categories: gw.config.complaints.autoAccept })) {
        applyStep(
          gw,
          id,
          { type: 'accept', message: 'accepted automatically: verified purchase' },
          SYSTEM,
          now,
        );
        applyStep(gw, id, { type: 'forward' }, SYSTEM, now);
      }
    })
    .immediate();
  return { row: gw.complaints.byId(id)!, token };
}

const SYSTEM: StepActor = { role: 'system', id: null };

function appendEvent(
  gw: ComplaintGateway,
  complaintId: string,
  event: ComplaintEvent,
  actorId: string | null,
) {
  const { action, actor, at, from, to, message, ...detail } = event;
  gw.complaints.appendEvent({
    complaint_id: complaintId,
    action,
    actor,
    actor_id: actorId,
    at,
    from_status: from,
    to_status: to,
    message,
    detail: JSON.stringify(detail),
  });
}

/** How much a substantiated complaint weighs: by what it is about, raised by the amount at stake. */
export function complaintSeverity(
  category: string,
  amountMinor: number | null,
  currency: string | null,
): CreditSeverity {
  const grave = ['counterfeit', 'price_fraud', 'personal_data_misuse'].includes(category);
  let level = grave ? 1 : 0;
  // Amounts in CNY (minor units); other currencies are not converted and weigh by category alone.
  if (currency === 'CNY' && amountMinor !== null) {
    if (amountMinor >= 50_000_00) level = 2;
    else if (amountMinor >= 5_000_00) level += 1;
  }
  return (['minor', 'moderate', 'serious'] as const)[Math.min(level, 2)]!;
}

/** Writes what a step means for the seller's credit: a late answer, a substantiated closing. */
function creditOf(gw: ComplaintGateway, row: ComplaintRow, state: ComplaintState, event: ComplaintEvent) {
  if (!row.subject_id) return;
  const base = {
    subject_id: row.subject_id,
    platform_id: row.platform_id,
    seller_id: row.seller_id,
    source: 'complaint' as const,
    source_id: row.id,
    occurred_at: event.at,
    counts_until: null,
    public: true,
    cancels: null,
  };
  let wrote = false;
  if (event.newly_overdue.includes('answer') || event.untimely) {
    gw.credit.record({ ...base, kind: 'complaint_response_late', severity: 'minor' });
    wrote = true;
  }
  if (event.to === 'closed' && countsAsSubstantiated(state)) {
    const severity = complaintSeverity(row.category, row.amount_minor, row.currency);
    gw.credit.record({ ...base, kind: 'complaint_substantiated', severity });
    wrote = true;
  }
  if (wrote) rescore(gw, row.subject_id, new Date(event.at));
}

/** Applies one step inside the caller's transaction. */
function applyStep(gw: ComplaintGateway, id: string, action: ComplaintAction, actor: StepActor, now: Date) {
  const row = gw.complaints.byId(id);
  if (!row) throw notFound('complaint');
  const current = JSON.parse(row.state) as ComplaintState;
  let result: { state: ComplaintState; event: ComplaintEvent };
  try {
    result = transition(current, action, actor.role, now, gw.calendar);
  } catch (err) {
    asDomainError(err);
  }
  const { state, event } = result;
  const updated = gw.complaints.update(
    {
      id,
      status: state.status,
      state: JSON.stringify(state),
      next_due: nextDue(state),
      substantiated: countsAsSubstantiated(state) ? 1 : 0,
      updated_at: state.updated_at,
    },
    row.updated_at,
  );
  if (!updated) throw new DomainError('conflict', 'the complaint changed meanwhile: read it again');
  appendEvent(gw, id, event, actor.id);
  creditOf(gw, row, state, event);
  if (action.type === 'forward')
    announceComplaintForwarded(
      gw,
      {
        id,
        platform_id: row.platform_id,
        seller_id: row.seller_id,
        category: row.category,
        due: nextDue(state),
      },
      now,
    );
  if (actor.role === 'regulator' && actor.id)
    gw.audit.append(
      {
        actor: actor.id,
        action: `complaint.${action.type}`,
        target_type: 'complaint',
        target_id: id,
        reason: event.message,
        detail: { from: event.from, to: event.to, ...(event.outcome ? { outcome: event.outcome } : {}) },
      },
      now,
    );
  return { row: gw.complaints.byId(id)!, state, event };
}

/**
 * One workflow step by a consumer, platform, regulator or the system; refused steps are 409/403/400, a
 * message past its party's allowance 409 or 429 (limits.ts).
 */
export function complaintStep(
  gw: ComplaintGateway,
  id: string,
  action: ComplaintAction,
  actor: StepActor,
  now = new Date(),
) {
  return gw.db
    .transaction(() => {
      if (action.type === 'message') checkMessageAllowance(gw, id, actor.role, now);
      const result = applyStep(gw, id, action, actor, now);
      // A consumer who accepts a refund or a replacement has what was asked: the system closes it.
      if (result.state.status === 'resolved')
        return applyStep(gw, id, { type: 'close', outcome: settledOutcome(result.state) }, SYSTEM, now);
      return result;
    })
    .immediate();
}

/** Marks steps whose deadline passed (the server's timer and `marketgate complaints sweep`). */
export function sweepComplaints(gw: ComplaintGateway, now = new Date()): { swept: number; late: string[] } {
  const today = chinaToday(now);
  const late: string[] = [];
  let swept = 0;
  for (let after = { next_due: '', id: '' }; ;) {
    const page = gw.complaints.due(today, after, 500);
    if (page.length === 0) return { swept, late };
    after = { next_due: page.at(-1)!.next_due!, id: page.at(-1)!.id };
    // Past due and not marked yet (a complaint swept before stays in the page, overdue, until its step is done).
    const due = page.filter((row) => {
      const state = JSON.parse(row.state) as ComplaintState;
      return overdue(state, now).some((step) => !state.overdue.includes(step));
    });
    gw.db
      .transaction(() => {
        for (const row of due) {
          const { event } = applyStep(gw, row.id, { type: 'sweep' }, SYSTEM, now);
          swept += 1;
          if (event.newly_overdue.length) late.push(row.id);
        }
      })
      .immediate();
  }
}
