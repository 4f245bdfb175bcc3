/**
 * The verbs of assistance requests (docs/assistance-requests.md). Each owns its transaction: the row,
 * the event for the platform, the audit entry, all or nothing. The answer's verb is in answer.ts.
 */
import { DomainError, notFound } from '../errors.ts';
import type { Gateway } from '../gateway-types.ts';
import { chinaToday } from '../lib/dates.ts';
import { newId } from '../lib/ids.ts';
import { announceAssistanceRequested } from './announce.ts';
import { dueDateOf, dueEndsAt } from './due.ts';
import type { NewRequest } from './schemas.ts';
import { assistanceOf, type AnswerRow, type RequestRow } from './store.ts';
import { SCOPES } from './terms.ts';

export type AssistanceGateway = Pick<
  Gateway,
  'db' | 'audit' | 'events' | 'accounts' | 'sellers' | 'calendar'
>;

export const AUDIT_TARGET = 'assistance_request';

const badField = (field: string, message: string) =>
  new DomainError('invalid_body', `${field}: ${message}`, { errors: [{ field, message }] });

/**
 * A regulator asks a platform for one seller's records: checked against the records (the platform is a
 * platform, the seller is one it filed, the period is not in the future), due in working days, announced
 * to the platform (`assistance.requested`, then its webhooks) and audited, in one transaction.
 */
export function requestAssistance(
  gw: AssistanceGateway,
  input: NewRequest,
  actor: string,
  now = new Date(),
): RequestRow {
  const platform = gw.accounts.platformBySlug(input.platform);
  if (!platform || platform.kind !== 'platform')
    throw badField('platform', `no platform "${input.platform}" (a department cannot be asked)`);
  const seller = gw.sellers.seller(platform.id, input.seller_id);
  if (!seller) throw badField('seller_id', `${platform.slug} has filed no seller "${input.seller_id}"`);
  if (input.from > input.to) throw badField('to', 'must be on or after from');
  const today = chinaToday(now);
  if (input.to > today)
    throw badField('to', `must not be after today (${today}): records of the future do not exist`);
  const scope = SCOPES.filter((s) => input.scope.includes(s));
  const store = assistanceOf(gw.db);
  const id = newId();
  return gw.db
    .transaction(() => {
      store.insert({
        id,
        platform_id: platform.id,
        seller_id: input.seller_id,
        subject_id: seller.subject_id ?? null,
        legal_basis: input.legal_basis,
        case_number: input.case_number,
        scope: JSON.stringify(scope),
        period_from: input.from,
        period_to: input.to,
        note: input.note ?? null,
        due_working_days: input.due_working_days,
        due_date: dueDateOf(now, input.due_working_days, gw.calendar),
        requested_by: actor,
        requested_at: now.toISOString(),
      });
      const seq = announceAssistanceRequested(gw, store.byId(id)!, now);
      store.setEvent(id, seq);
      const row = store.byId(id)!;
      gw.audit.append(
        {
          actor,
          action: 'assistance.requested',
          target_type: AUDIT_TARGET,
          target_id: id,
          reason: row.legal_basis,
          detail: {
            platform: platform.slug,
            seller_id: row.seller_id,
            case_number: row.case_number,
            scope,
            from: row.period_from,
            to: row.period_to,
            due_date: row.due_date,
            due_at: dueEndsAt(row.due_date),
            event_seq: seq,
          },
        },
        now,
      );
      return row;
    })
    .immediate();
}

/** The platform read these requests: the first read of each is recorded and audited, later ones are not. */
export function recordPlatformView(
  gw: Pick<Gateway, 'db' | 'audit'>,
  rows: RequestRow[],
  actor: string,
  now = new Date(),
): RequestRow[] {
  const unseen = rows.filter((r) => r.first_viewed_at === null);
  if (unseen.length === 0) return rows;
  const store = assistanceOf(gw.db);
  const at = now.toISOString();
  gw.db
    .transaction(() => {
      for (const r of unseen)
        if (store.markViewed(r.id, at))
          gw.audit.append(
            { actor, action: 'assistance.viewed', target_type: AUDIT_TARGET, target_id: r.id },
            now,
          );
    })
    .immediate();
  return rows.map((r) => (r.first_viewed_at === null ? store.byId(r.id)! : r));
}

/** A regulator withdraws an open request (the case closed, the wrong seller): no more answers are taken. */
export function cancelRequest(
  gw: Pick<Gateway, 'db' | 'audit'>,
  requestId: string,
  reason: string,
  actor: string,
  now = new Date(),
): RequestRow {
  const store = assistanceOf(gw.db);
  return gw.db
    .transaction(() => {
      const row = store.byId(requestId);
      if (!row) throw notFound('assistance request');
      if (!store.markCancelled(row.id, now.toISOString(), reason))
        throw new DomainError(
          'conflict',
          `the request is ${row.status}: only an open request can be cancelled`,
          {
            status: row.status,
          },
        );
      gw.audit.append(
        { actor, action: 'assistance.cancelled', target_type: AUDIT_TARGET, target_id: row.id, reason },
        now,
      );
      return store.byId(row.id)!;
    })
    .immediate();
}

/** A regulator downloads an answer file: it holds personal data, so the read is audited before it is sent. */
export function recordAnswerDownload(
  gw: Pick<Gateway, 'audit'>,
  answer: AnswerRow,
  actor: string,
  via: 'api' | 'console',
  now = new Date(),
): void {
  gw.audit.append(
    {
      actor,
      action: 'assistance.answer_downloaded',
      target_type: AUDIT_TARGET,
      target_id: answer.request_id,
      detail: { answer_id: answer.id, part: answer.part, sha256: answer.sha256, bytes: answer.bytes, via },
    },
    now,
  );
}
