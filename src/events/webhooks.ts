/**
 * What accounts do to their webhooks and to events: register, delete, rotate the secret, retry a
 * delivery, acknowledge an event. Each verb owns its transaction and its audit entry.
 */
import { randomBytes } from 'node:crypto';
import type { Principal } from '../accounts/principal.ts';
import { actorOf } from '../accounts/principal.ts';
import { literalAddress, isPublicAddress } from '../../crawlers/fetch/address-guard.ts';
import type { Gateway } from '../gateway-types.ts';
import { DomainError, notFound } from '../errors.ts';
import { newId } from '../lib/ids.ts';
import type { WebhookOwner, WebhookRow } from './store.ts';
import { EVENT_TYPES, type EventType, type EventViewer } from './types.ts';

type WebhookGateway = Pick<Gateway, 'db' | 'events' | 'keys' | 'audit' | 'config'>;

/** Webhooks one account may have at once. */
export const MAX_WEBHOOKS_PER_OWNER = 10;
/** How long the secret a rotation replaced goes on signing, so that receivers can switch without a gap. */
export const PREVIOUS_SECRET_HOURS = 24;
export const MAX_URL_LENGTH = 2048;

/** The feed a principal reads: platforms see what concerns them; departments and regulators see all. */
export function viewerOf(principal: Principal): EventViewer {
  if (principal.kind === 'worker') throw new DomainError('forbidden', 'a crawl worker reads no events');
  return principal.kind === 'platform' ? { platformId: principal.platformId } : 'all';
}

export function ownerOf(principal: Principal): WebhookOwner {
  if (principal.kind === 'platform') return { platformId: principal.platformId };
  if (principal.kind === 'department') return { platformId: principal.departmentId };
  if (principal.kind === 'worker') throw new DomainError('forbidden', 'a crawl worker has no webhooks');
  return { regulatorId: principal.regulatorId };
}

const owns = (principal: Principal, w: WebhookRow): boolean => {
  const owner = ownerOf(principal);
  return 'platformId' in owner
    ? w.owner_platform_id === owner.platformId
    : w.owner_regulator_id === owner.regulatorId;
};

/** The webhook, if it is the principal's and not deleted; otherwise not found (whose it is is not told). */
export function ownWebhook(gw: Pick<Gateway, 'events'>, principal: Principal, id: string): WebhookRow {
  const w = gw.events.webhook(id);
  if (!w || w.status === 'deleted' || !owns(principal, w)) throw notFound('webhook');
  return w;
}

/**
 * A URL a webhook may deliver to: http(s), no credentials, and unless private addresses are allowed, no
 * loopback, private or link-local host written as an address or as localhost. Names are checked again
 * on every connection (the dispatcher resolves through the address guard), so DNS cannot turn a public
 * name private later.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): string {
  const bad = (why: string) => new DomainError('invalid_body', `url: ${why}`, { field: 'url' });
  if (raw.length > MAX_URL_LENGTH) throw bad(`longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad('not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad('must be http or https');
  if (url.username || url.password) throw bad('must not carry a user name or password');
  if (url.hash) throw bad('must not have a fragment');
  if (!allowPrivate) {
    const host = url.hostname.toLowerCase();
    const literal = literalAddress(host);
    if (
      (literal && !isPublicAddress(literal)) ||
      host === 'localhost' ||
      host.endsWith('.localhost') ||
      !host.includes('.')
    )
      throw bad(`${url.hostname} is not a public address (MARKETGATE_WEBHOOK_ALLOW_PRIVATE allows it)`);
  }
  return url.toString();
}

function checkEventTypes(types: readonly string[]): EventType[] {
  const known = new Set<string>(EVENT_TYPES);
  const unknown = types.filter((t) => !known.has(t));
  if (unknown.length)
    throw new DomainError('invalid_body', `events: unknown event types ${unknown.join(', ')}`, {
      field: 'events',
      known: EVENT_TYPES,
    });
  if (types.length === 0) throw new DomainError('invalid_body', 'events: name at least one event type');
  return [...new Set(types)] as EventType[];
}

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export function createWebhook(
  gw: WebhookGateway,
  principal: Principal,
  input: { url: string; events: readonly string[] },
  now = new Date(),
): { webhook_id: string; secret: string } {
  const url = checkWebhookUrl(input.url, gw.config.webhooks.allowPrivateAddresses);
  const events = checkEventTypes(input.events);
  const owner = ownerOf(principal);
  const id = newId();
  const secret = newSecret();
  gw.events.transaction(() => {
    if (gw.events.webhooksOf(owner).length >= MAX_WEBHOOKS_PER_OWNER)
      throw new DomainError(
        'conflict',
        `an account may have ${MAX_WEBHOOKS_PER_OWNER} webhooks; delete one first`,
      );
    gw.events.insertWebhook({
      id,
      owner_platform_id: 'platformId' in owner ? owner.platformId : null,
      owner_regulator_id: 'regulatorId' in owner ? owner.regulatorId : null,
      url,
      events: JSON.stringify(events),
      secret_enc: gw.keys.encrypt(secret),
      created_at: now.toISOString(),
      created_by: actorOf(principal),
    });
    gw.audit.append(
      {
        actor: actorOf(principal),
        action: 'webhook.create',
        target_type: 'webhook',
        target_id: id,
        detail: { url, events },
      },
      now,
    );
  });
  return { webhook_id: id, secret };
}

/** Deletes a webhook: nothing more is delivered to it, and what was waiting is cancelled. */
export function deleteWebhook(gw: WebhookGateway, principal: Principal, id: string, now = new Date()): void {
  gw.events.transaction(() => {
    ownWebhook(gw, principal, id);
    gw.events.setWebhookStatus(id, 'deleted', null, now.toISOString());
    gw.events.cancelPending(id);
    gw.audit.append(
      { actor: actorOf(principal), action: 'webhook.delete', target_type: 'webhook', target_id: id },
      now,
    );
  });
}

/**
 * A new secret; the one it replaces goes on signing beside it (two signatures in `webhook-signature`)
 * for PREVIOUS_SECRET_HOURS, or until the next rotation.
 */
export function rotateWebhookSecret(
  gw: WebhookGateway,
  principal: Principal,
  id: string,
  now = new Date(),
): { webhook_id: string; secret: string; previous_secret_valid_until: string } {
  const secret = newSecret();
  const until = new Date(now.getTime() + PREVIOUS_SECRET_HOURS * 3_600_000).toISOString();
  gw.events.transaction(() => {
    ownWebhook(gw, principal, id);
    gw.events.rotateSecret(id, gw.keys.encrypt(secret), until);
    gw.audit.append(
      {
        actor: actorOf(principal),
        action: 'webhook.rotate_secret',
        target_type: 'webhook',
        target_id: id,
        detail: { previous_secret_valid_until: until },
      },
      now,
    );
  });
  return { webhook_id: id, secret, previous_secret_valid_until: until };
}

/** Sends a finished delivery (failed, cancelled or delivered) again, now. */
export function retryDelivery(
  gw: WebhookGateway,
  principal: Principal,
  webhookId: string,
  deliveryId: string,
  now = new Date(),
) {
  gw.events.transaction(() => {
    const w = ownWebhook(gw, principal, webhookId);
    const d = gw.events.delivery(deliveryId);
    if (!d || d.webhook_id !== webhookId) throw notFound('delivery');
    if (w.status === 'disabled')
      throw new DomainError(
        'conflict',
        'the webhook is disabled (its receiver answered 410 Gone); register the URL again to receive events',
      );
    if (d.status === 'pending')
      throw new DomainError(
        'conflict',
        `the delivery is waiting already; next attempt at ${d.next_attempt_at}`,
      );
    gw.events.requeue(deliveryId, now.toISOString());
    gw.audit.append(
      {
        actor: actorOf(principal),
        action: 'webhook.retry_delivery',
        target_type: 'webhook_delivery',
        target_id: deliveryId,
        detail: { webhook_id: webhookId, seq: d.seq, was: d.status },
      },
      now,
    );
  });
  return gw.events.delivery(deliveryId)!;
}

/** A platform acknowledges an event that concerns it: it has seen it and acts on it. */
export function acknowledgeEvent(
  gw: WebhookGateway,
  principal: Principal,
  seq: number,
  note: string | null,
  now = new Date(),
) {
  if (principal.kind !== 'platform')
    throw new DomainError('forbidden', 'platforms acknowledge the events that concern them');
  return gw.events.transaction(() => {
    const event = gw.events.event(seq);
    if (!event || !gw.events.canSee({ platformId: principal.platformId }, event)) throw notFound('event');
    const fresh = gw.events.insertAck({
      seq,
      platform_id: principal.platformId,
      at: now.toISOString(),
      note,
    });
    if (fresh)
      gw.audit.append(
        {
          actor: actorOf(principal),
          action: 'event.acknowledge',
          target_type: 'event',
          target_id: String(seq),
          reason: note,
          detail: { type: event.type, subject_id: event.subject_id },
        },
        now,
      );
    return { seq, acknowledged_at: gw.events.ack(seq, principal.platformId)!.at, first: fresh };
  });
}

/** Deliveries removed in one transaction: the sweep lets requests in between. */
const PRUNE_BATCH = 1_000;

/**
 * Removes the deliveries that ended (delivered, failed, cancelled) and were created more than
 * `config.webhooks.deliveryDays` days ago, a batch per transaction; pending ones stay whatever their age.
 * The events stay on the feed. Housekeeping, not an account's act: no audit entry. Returns how many.
 */
export async function pruneDeliveries(
  gw: Pick<Gateway, 'db' | 'events' | 'config'>,
  now = new Date(),
): Promise<number> {
  const before = new Date(now.getTime() - gw.config.webhooks.deliveryDays * 86_400_000).toISOString();
  let removed = 0;
  for (;;) {
    const n = gw.db.transaction(() => gw.events.removeEndedDeliveries(before, PRUNE_BATCH)).immediate();
    removed += n;
    if (n < PRUNE_BATCH) return removed;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
