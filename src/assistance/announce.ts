import type { Gateway } from '../gateway-types.ts';
import { dueEndsAt } from './due.ts';
import type { RequestRow } from './store.ts';

type AnnounceGateway = Pick<Gateway, 'events' | 'accounts'>;

/**
 * The `assistance.requested` event, addressed to the platform asked (docs/events.md): what is asked, by
 * when, under which case. No personal data: the seller by the platform's own id; the note, which may
 * name people, stays in the request for the platform to read there.
 */
export function announceAssistanceRequested(gw: AnnounceGateway, row: RequestRow, now: Date) {
  return gw.events.append(
    {
      type: 'assistance.requested',
      platform_id: row.platform_id,
      data: {
        request_id: row.id,
        platform: gw.accounts.platformById(row.platform_id)?.slug ?? null,
        case_number: row.case_number,
        legal_basis: row.legal_basis,
        seller_id: row.seller_id,
        scope: JSON.parse(row.scope) as string[],
        from: row.period_from,
        to: row.period_to,
        due_date: row.due_date,
        due_at: dueEndsAt(row.due_date),
        url: `/v1/assistance-requests/${row.id}`,
      },
    },
    now,
  );
}
