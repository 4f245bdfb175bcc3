import type { Gateway } from '../gateway-types.ts';
import type { DeliveryRow, WebhookRow } from './store.ts';

export function webhookView(gw: Pick<Gateway, 'events' | 'accounts'>, w: WebhookRow) {
  const owner =
    w.owner_platform_id !== null
      ? (gw.accounts.platformById(w.owner_platform_id)?.slug ?? null)
      : `regulator:${w.owner_regulator_id}`;
  return {
    webhook_id: w.id,
    owner,
    url: w.url,
    events: JSON.parse(w.events) as string[],
    status: w.status,
    status_reason: w.status_reason,
    status_at: w.status_at,
    previous_secret_valid_until: w.previous_until,
    created_at: w.created_at,
    deliveries: gw.events.deliveryCounts(w.id),
  };
}

export function deliveryView(d: DeliveryRow) {
  return {
    delivery_id: d.id,
    webhook_id: d.webhook_id,
    seq: d.seq,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.next_attempt_at,
    last_attempt_at: d.last_attempt_at,
    last_status: d.last_status,
    last_error: d.last_error,
    delivered_at: d.delivered_at,
    created_at: d.created_at,
  };
}

/** Which platforms an event concerns, and which of them acknowledged it (for regulators and departments). */
export function acknowledgementsView(gw: Pick<Gateway, 'events' | 'accounts'>, seq: number) {
  const event = gw.events.event(seq)!;
  const acks = new Map(gw.events.acks(seq).map((a) => [a.platform_id, a]));
  const platforms = gw.events.concernedPlatforms(event).map((id) => {
    const ack = acks.get(id);
    return {
      platform: gw.accounts.platformById(id)?.slug ?? null,
      acknowledged_at: ack?.at ?? null,
      note: ack?.note ?? null,
    };
  });
  return {
    seq,
    type: event.type,
    timestamp: event.at,
    concerned: platforms.length,
    acknowledged: platforms.filter((p) => p.acknowledged_at).length,
    platforms,
  };
}
