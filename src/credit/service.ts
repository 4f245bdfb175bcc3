/**
 * What regulators and platforms do to credit records, and what follows from it. Each action changes its
 * record, writes the credit events it implies, appends an audit entry and rescores the subject, in one
 * transaction; the rules and dates come from rules.ts.
 */
import type { Gateway } from '../gateway-types.ts';
import { DomainError, notFound } from '../errors.ts';
import { chinaToday } from '../lib/dates.ts';
import { newId } from '../lib/ids.ts';
import { revokeForSubject } from '../marks/service.ts';
import {
  announceListEntered,
  announceListRemoved,
  announcePenaltyPublished,
  announcePenaltyWithdrawn,
} from '../events/announce.ts';
import type { CrawlRow } from '../verification/store.ts';
import { type CreditModel, type CreditScore, CURRENT_MODEL, scoreSubject } from './model.ts';
import type { ListEntryRow, PenaltyRow } from './records.ts';
import {
  type ListName,
  listEndsOn,
  listRepairRefusal,
  listSweepAction,
  penaltyRepairRefusal,
  publicUntil,
  publishDeadline,
  seriousListPenaltyRefusal,
  startOfChinaDay,
  withdrawDeadline,
} from './rules.ts';
import type { CreditEventRow } from './store.ts';

export type CreditGateway = Pick<
  Gateway,
  | 'db'
  | 'credit'
  | 'creditRecords'
  | 'audit'
  | 'marks'
  | 'keys'
  | 'crawls'
  | 'verifications'
  | 'sellers'
  | 'calendar'
  | 'logger'
  | 'events'
  | 'accounts'
>;

/** What a regulator records of a decision; the gateway adds the deadlines. */
export type PenaltyInput = Pick<
  PenaltyRow,
  | 'decision_number'
  | 'subject_id'
  | 'authority'
  | 'facts'
  | 'legal_basis'
  | 'penalty'
  | 'severity'
  | 'sector'
  | 'decided_on'
> & {
  store?: { platform_id: number; seller_id: string } | undefined;
  publish?: boolean | undefined;
  /**
   * The publication deadline when another rule than the regulator's sets it: a department's
   * double-publicity decision is published within 7 working days (src/exchange/apply-decisions.ts).
   */
  publish_by?: string | undefined;
};

/** Scores a subject now with `model` and stores the score beside those of other model versions. */
export function rescore(
  gw: Pick<CreditGateway, 'credit' | 'creditRecords'>,
  subjectId: string,
  now = new Date(),
  model: CreditModel = CURRENT_MODEL,
): CreditScore {
  const score = scoreSubject(gw.credit.eventsOf(subjectId), now, model);
  gw.creditRecords.saveScore({
    subject_id: subjectId,
    model_version: score.model_version,
    score: score.score,
    tier: score.tier,
    tier_rule: score.tier_rule,
    computed_at: score.at,
    explanation: JSON.stringify(score),
  });
  return score;
}

/** Rescores the next `limit` subjects after `after` in one transaction; `after: null` when none are left. */
export function rescoreBatch(
  gw: CreditGateway,
  after: string,
  limit: number,
  count = 0,
  model: CreditModel = CURRENT_MODEL,
  now = new Date(),
): { after: string | null; count: number } {
  const ids = gw.creditRecords.subjectIdsAfter(after, limit);
  if (ids.length === 0) return { after: null, count };
  gw.db.transaction(() => {
    for (const id of ids) rescore(gw, id, now, model);
  })();
  return { after: ids.at(-1)!, count: count + ids.length };
}

/** Rescores every subject with `model` (a new model version, or the daily decay); returns how many. */
export function rescoreAll(gw: CreditGateway, model: CreditModel = CURRENT_MODEL, now = new Date()): number {
  let state: { after: string | null; count: number } = { after: '', count: 0 };
  while (state.after !== null) state = rescoreBatch(gw, state.after, 1000, state.count, model, now);
  return state.count;
}

/** The event an earlier one is cancelled with: from `at` on it no longer counts. */
function cancel(gw: CreditGateway, event: CreditEventRow, at: Date): CreditEventRow {
  return gw.credit.record({
    subject_id: event.subject_id,
    platform_id: event.platform_id,
    seller_id: event.seller_id,
    kind: 'correction',
    severity: event.severity,
    source: 'correction',
    source_id: event.id,
    occurred_at: at.toISOString(),
    counts_until: null,
    public: event.public === 1,
    cancels: event.id,
  });
}

function requireSubject(gw: CreditGateway, subjectId: string): void {
  if (!gw.sellers.subjectExists(subjectId)) throw notFound('subject');
}

function requirePenalty(gw: CreditGateway, id: string): PenaltyRow {
  const penalty = gw.creditRecords.penalty(id);
  if (!penalty) throw notFound('penalty');
  return penalty;
}

// ---- penalties ----

export function recordPenalty(
  gw: CreditGateway,
  input: PenaltyInput,
  actor: string,
  now = new Date(),
): PenaltyRow {
  requireSubject(gw, input.subject_id);
  if (input.store) {
    const seller = gw.sellers.seller(input.store.platform_id, input.store.seller_id);
    if (!seller) throw notFound('store');
    if (seller.subject_id !== input.subject_id)
      throw new DomainError('conflict', 'the store belongs to another subject than the penalty');
  }
  if (input.decided_on > chinaToday(now))
    throw new DomainError('invalid_body', 'decided_on: must not be in the future');
  const id = newId();
  gw.db
    .transaction(() => {
      const existing = gw.creditRecords.penaltyByNumber(input.decision_number);
      if (existing)
        throw new DomainError(
          'conflict',
          `decision ${input.decision_number} is recorded already as ${existing.id}`,
          {
            penalty_id: existing.id,
          },
        );
      gw.creditRecords.insertPenalty({
        id,
        decision_number: input.decision_number,
        subject_id: input.subject_id,
        platform_id: input.store?.platform_id ?? null,
        seller_id: input.store?.seller_id ?? null,
        authority: input.authority,
        facts: input.facts,
        legal_basis: input.legal_basis,
        penalty: input.penalty,
        severity: input.severity,
        sector: input.sector,
        decided_on: input.decided_on,
        publish_by: input.publish_by ?? publishDeadline(input.decided_on, gw.calendar),
        recorded_by: actor,
        recorded_at: now.toISOString(),
      });
      gw.audit.append(
        {
          actor,
          action: 'penalty.record',
          target_type: 'penalty',
          target_id: id,
          detail: {
            decision_number: input.decision_number,
            subject_id: input.subject_id,
            severity: input.severity,
          },
        },
        now,
      );
      if (input.publish) publishPenaltyNow(gw, id, actor, now);
    })
    .immediate();
  return requirePenalty(gw, id);
}

function publishPenaltyNow(gw: CreditGateway, id: string, actor: string, now: Date): void {
  const p = requirePenalty(gw, id);
  if (p.withdrawn_at) throw new DomainError('conflict', 'the penalty was withdrawn: it is not published');
  const until = publicUntil(chinaToday(now), p.severity);
  if (!gw.creditRecords.publishPenalty(id, now.toISOString(), until))
    throw new DomainError('conflict', `the penalty was published already, at ${p.published_at}`);
  gw.credit.record({
    subject_id: p.subject_id,
    platform_id: p.platform_id,
    seller_id: p.seller_id,
    kind: 'penalty',
    severity: p.severity,
    source: 'penalty',
    source_id: p.id,
    occurred_at: startOfChinaDay(p.decided_on),
    counts_until: startOfChinaDay(until),
    public: true,
    cancels: null,
  });
  gw.audit.append(
    {
      actor,
      action: 'penalty.publish',
      target_type: 'penalty',
      target_id: id,
      detail: { public_until: until },
    },
    now,
  );
  announcePenaltyPublished(gw, p, until, now);
  rescore(gw, p.subject_id, now);
}

/** Publishes a recorded penalty: public from now for 3 months (minor) or 3 years. */
export function publishPenalty(gw: CreditGateway, id: string, actor: string, now = new Date()): PenaltyRow {
  gw.db.transaction(() => publishPenaltyNow(gw, id, actor, now)).immediate();
  return requirePenalty(gw, id);
}

/**
 * Withdraws an overturned penalty: it leaves the public record and stops counting at once. `announceAs`
 * names why in the `penalty.withdrawn` event: overturned (a regulator records it), or withdrawn by the
 * department that filed the decision.
 */
export function overturnPenalty(
  gw: CreditGateway,
  id: string,
  input: { overturned_on: string; reason: string },
  actor: string,
  now = new Date(),
  announceAs: 'overturned' | 'withdrawn_by_department' = 'overturned',
): PenaltyRow {
  gw.db
    .transaction(() => {
      const p = requirePenalty(gw, id);
      if (p.withdrawn_at)
        throw new DomainError('conflict', `the penalty was withdrawn already, at ${p.withdrawn_at}`);
      if (input.overturned_on < p.decided_on || input.overturned_on > chinaToday(now))
        throw new DomainError('invalid_body', 'overturned_on: must be between the decision date and today');
      gw.creditRecords.withdrawPenalty({
        id,
        overturned_on: input.overturned_on,
        withdraw_by: withdrawDeadline(input.overturned_on, gw.calendar),
        withdrawn_at: now.toISOString(),
        reason: input.reason,
      });
      const event = gw.credit.eventOf('penalty', id, 'penalty');
      if (event) cancel(gw, event, now);
      gw.audit.append(
        {
          actor,
          action: 'penalty.withdraw',
          target_type: 'penalty',
          target_id: id,
          reason: input.reason,
          detail: { overturned_on: input.overturned_on },
        },
        now,
      );
      if (p.published_at) announcePenaltyWithdrawn(gw, p, announceAs, now);
      rescore(gw, p.subject_id, now);
    })
    .immediate();
  return requirePenalty(gw, id);
}

/** Credit repair of a published penalty: no longer public and no longer counted; the repair counts for the subject. */
export function repairPenalty(
  gw: CreditGateway,
  id: string,
  input: { reason: string },
  actor: string,
  now = new Date(),
): PenaltyRow {
  gw.db
    .transaction(() => {
      const p = requirePenalty(gw, id);
      const refusal = penaltyRepairRefusal(p, now);
      if (refusal) throw new DomainError('repair_not_eligible', refusal);
      gw.creditRecords.repairPenalty(id, now.toISOString(), input.reason);
      const event = gw.credit.eventOf('penalty', id, 'penalty');
      if (event) cancel(gw, event, now);
      recordRepair(gw, p.subject_id, p.id, now);
      gw.audit.append(
        { actor, action: 'penalty.repair', target_type: 'penalty', target_id: id, reason: input.reason },
        now,
      );
      announcePenaltyWithdrawn(gw, p, 'repaired', now);
      rescore(gw, p.subject_id, now);
    })
    .immediate();
  return requirePenalty(gw, id);
}

function recordRepair(gw: CreditGateway, subjectId: string, sourceId: string, now: Date): void {
  gw.credit.record({
    subject_id: subjectId,
    platform_id: null,
    seller_id: null,
    kind: 'repair',
    severity: 'minor',
    source: 'repair',
    source_id: sourceId,
    occurred_at: now.toISOString(),
    counts_until: null,
    public: true,
    cancels: null,
  });
}

// ---- lists ----

export interface ListEntryInput {
  subject_id: string;
  reason: string;
  legal_basis: string;
  entered_on?: string | undefined;
  penalty_id?: string | undefined;
  from_entry?: string | undefined;
}

/**
 * Puts a subject on a list. The serious list needs a qualifying penalty or an abnormal-list entry
 * proposed for it (which the entry then replaces). Listing revokes the subject's trust marks and sends
 * its stores to the front of the crawl schedule.
 */
export function enterList(
  gw: CreditGateway,
  list: ListName,
  input: ListEntryInput,
  actor: string,
  now = new Date(),
): { entry: ListEntryRow; revoked_marks: string[]; crawl_id: string | null } {
  requireSubject(gw, input.subject_id);
  const enteredOn = input.entered_on ?? chinaToday(now);
  if (enteredOn > chinaToday(now))
    throw new DomainError('invalid_body', 'entered_on: must not be in the future');
  const id = newId();
  let revoked: string[] = [];
  const crawl = gw.db
    .transaction((): CrawlRow | null => {
      const open = gw.creditRecords.openEntry(input.subject_id, list);
      if (open)
        throw new DomainError(
          'already_listed',
          `the subject is on the ${list} list already (entry ${open.id})`,
          {
            entry_id: open.id,
          },
        );
      let from: ListEntryRow | undefined;
      if (list === 'serious') {
        if (input.penalty_id) {
          const penalty = gw.creditRecords.penalty(input.penalty_id);
          if (!penalty) throw notFound('penalty');
          const refusal = seriousListPenaltyRefusal(penalty, input.subject_id);
          if (refusal) throw new DomainError('basis_not_qualifying', refusal);
        } else if (input.from_entry) {
          from = gw.creditRecords.entry(input.from_entry);
          if (!from) throw notFound('list entry');
          if (
            from.subject_id !== input.subject_id ||
            from.list !== 'abnormal' ||
            from.removed_at ||
            !from.proposed_at
          )
            throw new DomainError(
              'basis_not_qualifying',
              'from_entry must be an open abnormal-list entry of this subject that was proposed for the serious list',
            );
        } else {
          throw new DomainError(
            'basis_not_qualifying',
            'the serious list needs a qualifying penalty (penalty_id) or a proposed abnormal-list entry (from_entry)',
          );
        }
      } else if (input.penalty_id || input.from_entry) {
        throw new DomainError('invalid_body', 'penalty_id and from_entry belong to serious-list entries');
      }
      const endsOn = listEndsOn(enteredOn);
      gw.creditRecords.insertEntry({
        id,
        list,
        subject_id: input.subject_id,
        reason: input.reason,
        legal_basis: input.legal_basis,
        penalty_id: input.penalty_id ?? null,
        from_entry: from?.id ?? null,
        entered_on: enteredOn,
        ends_on: endsOn,
        entered_by: actor,
        entered_at: now.toISOString(),
      });
      gw.credit.record({
        subject_id: input.subject_id,
        platform_id: null,
        seller_id: null,
        kind: list === 'serious' ? 'list_serious' : 'list_abnormal',
        severity: 'serious',
        source: 'list',
        source_id: id,
        occurred_at: startOfChinaDay(enteredOn),
        counts_until: list === 'serious' ? startOfChinaDay(endsOn) : null,
        public: true,
        cancels: null,
      });
      if (from)
        removeEntryNow(gw, from, 'moved_to_serious', `replaced by serious-list entry ${id}`, actor, now);
      gw.audit.append(
        {
          actor,
          action: 'list.enter',
          target_type: 'list_entry',
          target_id: id,
          reason: input.reason,
          detail: {
            list,
            subject_id: input.subject_id,
            penalty_id: input.penalty_id ?? null,
            from_entry: from?.id ?? null,
          },
        },
        now,
      );
      revoked = revokeForSubject(
        gw,
        input.subject_id,
        actor,
        `listed on the ${list} list (entry ${id})`,
        now,
      );
      announceListEntered(gw, gw.creditRecords.entry(id)!, revoked, now);
      rescore(gw, input.subject_id, now);
      const stores = gw.sellers
        .storesOfSubject(input.subject_id)
        .filter((s) => s.status === 'active')
        .map((s) => ({ platform_id: s.platform_id, seller_id: s.seller_id }));
      return stores.length ? gw.verifications.createCrawl({ stores }, `list:${id}`, now) : null;
    })
    .immediate();
  // Queued once committed; a crash before this leaves a queued crawl that resume() takes up.
  if (crawl) gw.crawls.schedule(crawl, { urgent: true });
  return {
    entry: gw.creditRecords.entry(id)!,
    revoked_marks: revoked,
    crawl_id: crawl?.id ?? null,
  };
}

function removeEntryNow(
  gw: CreditGateway,
  entry: ListEntryRow,
  reason: NonNullable<ListEntryRow['removal_reason']>,
  note: string | null,
  actor: string,
  now: Date,
): void {
  if (!gw.creditRecords.removeEntry({ id: entry.id, removed_at: now.toISOString(), reason, note, by: actor }))
    throw new DomainError('conflict', `the entry was removed already`);
  // An expired entry stops counting by its own date; any other removal cancels its event from now on.
  if (reason !== 'expired') {
    const event = gw.credit.eventOf(
      'list',
      entry.id,
      entry.list === 'serious' ? 'list_serious' : 'list_abnormal',
    );
    if (event) cancel(gw, event, now);
  }
  if (reason === 'repaired') recordRepair(gw, entry.subject_id, entry.id, now);
  gw.audit.append(
    {
      actor,
      action: 'list.remove',
      target_type: 'list_entry',
      target_id: entry.id,
      reason: note,
      detail: { list: entry.list, subject_id: entry.subject_id, removal_reason: reason },
    },
    now,
  );
  announceListRemoved(gw, entry, reason, now);
}

/** Removes a subject from a list after credit repair, or because it was entered in error. */
export function removeFromList(
  gw: CreditGateway,
  entryId: string,
  input: { reason: 'repaired' | 'error'; note: string },
  actor: string,
  now = new Date(),
): ListEntryRow {
  gw.db
    .transaction(() => {
      const entry = gw.creditRecords.entry(entryId);
      if (!entry) throw notFound('list entry');
      if (entry.removed_at)
        throw new DomainError('conflict', `the entry was removed already, at ${entry.removed_at}`);
      if (input.reason === 'repaired') {
        const refusal = listRepairRefusal(entry, now);
        if (refusal) throw new DomainError('repair_not_eligible', refusal);
      }
      removeEntryNow(gw, entry, input.reason, input.note, actor, now);
      rescore(gw, entry.subject_id, now);
    })
    .immediate();
  return gw.creditRecords.entry(entryId)!;
}

// ---- commitments ----

export const COMMITMENT_COUNTS_ONCE_IN_DAYS = 365;

/** Files a seller's signed credit commitment; it counts for the subject's credit at most once a year. */
export function fileCommitment(
  gw: CreditGateway,
  store: { platform_id: number; seller_id: string },
  input: { text: string; signatory: string; signed_on: string },
  now = new Date(),
) {
  const seller = gw.sellers.seller(store.platform_id, store.seller_id);
  if (!seller) throw notFound('seller');
  if (input.signed_on > chinaToday(now))
    throw new DomainError('invalid_body', 'signed_on: must not be in the future');
  const id = newId();
  const since = new Date(now.getTime() - COMMITMENT_COUNTS_ONCE_IN_DAYS * 86_400_000).toISOString();
  let counted = false;
  gw.db
    .transaction(() => {
      counted = gw.creditRecords.countedCommitmentsSince(seller.subject_id, since) === 0;
      gw.creditRecords.insertCommitment({
        id,
        platform_id: store.platform_id,
        seller_id: store.seller_id,
        subject_id: seller.subject_id,
        text: input.text,
        signatory: input.signatory,
        signed_on: input.signed_on,
        counted: counted ? 1 : 0,
        filed_at: now.toISOString(),
      });
      if (counted) {
        gw.credit.record({
          subject_id: seller.subject_id,
          platform_id: store.platform_id,
          seller_id: store.seller_id,
          kind: 'commitment',
          severity: 'minor',
          source: 'commitment',
          source_id: id,
          occurred_at: now.toISOString(),
          counts_until: null,
          public: true,
          cancels: null,
        });
        rescore(gw, seller.subject_id, now);
      }
    })
    .immediate();
  return { commitment_id: id, subject_id: seller.subject_id, counted, filed_at: now.toISOString() };
}

// ---- alerts ----

export function acknowledgeAlert(gw: CreditGateway, id: string, actor: string, now = new Date()) {
  gw.db
    .transaction(() => {
      const alert = gw.creditRecords.alert(id);
      if (!alert) throw notFound('alert');
      if (!gw.creditRecords.acknowledgeAlert(id, now.toISOString(), actor))
        throw new DomainError('conflict', `the alert was acknowledged already, at ${alert.acknowledged_at}`);
      gw.audit.append({ actor, action: 'alert.acknowledge', target_type: 'alert', target_id: id }, now);
    })
    .immediate();
  return gw.creditRecords.alert(id)!;
}

// ---- the sweep ----

export interface SweepResult {
  expired: string[];
  proposed: string[];
  overdue_penalties: string[];
}

/**
 * What time does to credit records: serious-list entries expire after 3 years, abnormal entries still
 * open after 3 years are proposed for the serious list, and penalties not published by their deadline
 * are reported. Run by the server on a timer and by `marketgate credit sweep`; running it twice is
 * harmless.
 */
export function sweepCredit(gw: CreditGateway, now = new Date()): SweepResult {
  const result: SweepResult = { expired: [], proposed: [], overdue_penalties: [] };
  const today = chinaToday(now);
  for (;;) {
    const due = gw.creditRecords.endingEntries(today, 500);
    const before = result.expired.length + result.proposed.length;
    if (due.length === 0) break;
    gw.db
      .transaction(() => {
        for (const entry of due) {
          const action = listSweepAction(entry, now);
          if (action === 'expire') {
            removeEntryNow(
              gw,
              entry,
              'expired',
              `${entry.list} list entry ended on ${entry.ends_on}`,
              'system',
              now,
            );
            result.expired.push(entry.id);
          } else if (action === 'propose' && gw.creditRecords.proposeEntry(entry.id, now.toISOString())) {
            gw.audit.append(
              {
                actor: 'system',
                action: 'list.propose_serious',
                target_type: 'list_entry',
                target_id: entry.id,
                detail: { subject_id: entry.subject_id, open_since: entry.entered_on },
              },
              now,
            );
            result.proposed.push(entry.id);
          }
          rescore(gw, entry.subject_id, now);
        }
      })
      .immediate();
    if (result.expired.length + result.proposed.length === before) break; // nothing left it can change
  }
  for (const p of gw.creditRecords.unpublishedPenalties(10_000)) {
    if (p.publish_by >= today) break;
    result.overdue_penalties.push(p.id);
  }
  return result;
}
