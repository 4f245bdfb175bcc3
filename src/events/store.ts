import type { Db } from '../db/database.ts';
import { newId } from '../lib/ids.ts';
import type { EventRow, EventType, EventViewer, NewEvent } from './types.ts';

export const WEBHOOK_STATUSES = ['active', 'failing', 'disabled', 'deleted'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

export interface WebhookRow {
  id: string;
  owner_platform_id: number | null;
  owner_regulator_id: number | null;
  url: string;
  events: string;
  secret_enc: Buffer;
  previous_secret_enc: Buffer | null;
  previous_until: string | null;
  status: WebhookStatus;
  status_reason: string | null;
  status_at: string | null;
  created_at: string;
  created_by: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  seq: number;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
}

/** A webhook's owner: a platform or department (platforms row), or a regulator. */
export type WebhookOwner = { platformId: number } | { regulatorId: number };

/** Whether the webhook's owner sees every event (departments, regulators) or only its own. */
interface LiveWebhook {
  id: string;
  events: Set<string>;
  platformId: number | null;
  seesAll: boolean;
}

/** SQL for events, acknowledgements, webhooks and their deliveries. */
export function eventsStore(db: Db) {
  const q = {
    insertEvent: db.prepare(
      'INSERT INTO events (type, at, subject_id, platform_id, data) VALUES (@type, @at, @subject_id, @platform_id, @data)',
    ),
    event: db.prepare<[number], EventRow>('SELECT * FROM events WHERE seq = ?'),
    head: db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events'),
    recent: db.prepare<[{ before: number; type: string | null; limit: number }], EventRow>(
      'SELECT * FROM events WHERE seq < @before AND (@type IS NULL OR type = @type) ORDER BY seq DESC LIMIT @limit',
    ),
    feedAll: db.prepare<[{ after: number; type: string | null; limit: number }], EventRow>(
      'SELECT * FROM events WHERE seq > @after AND (@type IS NULL OR type = @type) ORDER BY seq LIMIT @limit',
    ),
    feedPlatform: db.prepare<
      [{ after: number; platform: number; type: string | null; limit: number }],
      EventRow
    >(
      `SELECT * FROM events e
        WHERE e.seq > @after AND (@type IS NULL OR e.type = @type)
          AND (e.platform_id = @platform
               OR (e.subject_id IS NOT NULL
                   AND EXISTS (SELECT 1 FROM sellers s WHERE s.subject_id = e.subject_id AND s.platform_id = @platform)))
        ORDER BY e.seq LIMIT @limit`,
    ),
    platformHasSubject: db.prepare<[string, number], { one: number }>(
      'SELECT 1 AS one FROM sellers WHERE subject_id = ? AND platform_id = ? LIMIT 1',
    ),
    platformsOfSubject: db.prepare<[string], { platform_id: number }>(
      'SELECT DISTINCT platform_id FROM sellers WHERE subject_id = ? ORDER BY platform_id',
    ),
    insertAck: db.prepare(
      'INSERT OR IGNORE INTO event_acks (seq, platform_id, at, note) VALUES (@seq, @platform_id, @at, @note)',
    ),
    acks: db.prepare<[number], { platform_id: number; at: string; note: string | null }>(
      'SELECT platform_id, at, note FROM event_acks WHERE seq = ? ORDER BY platform_id',
    ),
    ack: db.prepare<[number, number], { platform_id: number; at: string; note: string | null }>(
      'SELECT platform_id, at, note FROM event_acks WHERE seq = ? AND platform_id = ?',
    ),
    liveWebhooks: db.prepare<
      [],
      { id: string; events: string; owner_platform_id: number | null; platform_kind: string | null }
    >(
      `SELECT w.id, w.events, w.owner_platform_id, p.kind AS platform_kind
         FROM webhooks w LEFT JOIN platforms p ON p.id = w.owner_platform_id
        WHERE w.status IN ('active', 'failing')`,
    ),
    insertWebhook: db.prepare(
      `INSERT INTO webhooks (id, owner_platform_id, owner_regulator_id, url, events, secret_enc, status, created_at, created_by)
       VALUES (@id, @owner_platform_id, @owner_regulator_id, @url, @events, @secret_enc, 'active', @created_at, @created_by)`,
    ),
    webhook: db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE id = ?'),
    webhooksOfPlatform: db.prepare<[number], WebhookRow>(
      "SELECT * FROM webhooks WHERE owner_platform_id = ? AND status <> 'deleted' ORDER BY created_at",
    ),
    webhooksOfRegulator: db.prepare<[number], WebhookRow>(
      "SELECT * FROM webhooks WHERE owner_regulator_id = ? AND status <> 'deleted' ORDER BY created_at",
    ),
    allWebhooks: db.prepare<[], WebhookRow>(
      "SELECT * FROM webhooks WHERE status <> 'deleted' ORDER BY created_at",
    ),
    setStatus: db.prepare<[WebhookStatus, string | null, string, string]>(
      'UPDATE webhooks SET status = ?, status_reason = ?, status_at = ? WHERE id = ?',
    ),
    rotate: db.prepare<[{ secret: Buffer; until: string; id: string }]>(
      `UPDATE webhooks SET previous_secret_enc = secret_enc, previous_until = @until, secret_enc = @secret WHERE id = @id`,
    ),
    dropPrevious: db.prepare<[string]>(
      'UPDATE webhooks SET previous_secret_enc = NULL, previous_until = NULL WHERE id = ?',
    ),
    removeEnded: db.prepare<[string, number]>(
      `DELETE FROM webhook_deliveries WHERE id IN (
         SELECT id FROM webhook_deliveries WHERE created_at < ? AND status <> 'pending' ORDER BY created_at LIMIT ?)`,
    ),
    insertDelivery: db.prepare(
      `INSERT INTO webhook_deliveries (id, webhook_id, seq, status, next_attempt_at, created_at)
       VALUES (@id, @webhook_id, @seq, 'pending', @at, @at)`,
    ),
    delivery: db.prepare<[string], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ?'),
    deliveries: db.prepare<
      [{ webhook: string; before: number; status: string | null; limit: number }],
      DeliveryRow
    >(
      `SELECT * FROM webhook_deliveries WHERE webhook_id = @webhook AND seq < @before
          AND (@status IS NULL OR status = @status)
        ORDER BY seq DESC LIMIT @limit`,
    ),
    deliveryCounts: db.prepare<[string], { status: DeliveryStatus; n: number }>(
      'SELECT status, count(*) AS n FROM webhook_deliveries WHERE webhook_id = ? GROUP BY status',
    ),
    webhooksWithDue: db.prepare<[string], WebhookRow>(
      `SELECT w.* FROM webhooks w WHERE EXISTS (
          SELECT 1 FROM webhook_deliveries d
           WHERE d.webhook_id = w.id AND d.status = 'pending' AND d.next_attempt_at <= ?)
        ORDER BY w.created_at`,
    ),
    due: db.prepare<[string, string, number], DeliveryRow>(
      `SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND status = 'pending' AND next_attempt_at <= ?
        ORDER BY next_attempt_at LIMIT ?`,
    ),
    nextDue: db.prepare<[], { at: string | null }>(
      "SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'pending'",
    ),
    recordAttempt: db.prepare(
      `UPDATE webhook_deliveries
          SET status = @status, attempts = attempts + 1, next_attempt_at = @next_attempt_at,
              last_attempt_at = @at, last_status = @last_status, last_error = @last_error,
              delivered_at = CASE WHEN @status = 'delivered' THEN @at ELSE delivered_at END
        WHERE id = @id AND status = 'pending'`,
    ),
    cancelPending: db.prepare<[string]>(
      "UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL WHERE webhook_id = ? AND status = 'pending'",
    ),
    requeue: db.prepare<[string, string]>(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?
        WHERE id = ? AND status IN ('failed', 'cancelled', 'delivered')`,
    ),
  };

  // Read at each append (a few rows): the writer thread appends too, on its own connection, and a
  // cache there would miss webhooks created on the main one.
  const liveWebhooks = (): LiveWebhook[] =>
    q.liveWebhooks.all().map((w) => ({
      id: w.id,
      events: new Set(JSON.parse(w.events) as string[]),
      platformId: w.owner_platform_id,
      seesAll: w.owner_platform_id === null || w.platform_kind === 'department',
    }));
  const listeners = new Set<() => void>();

  const canSee = (viewer: EventViewer, e: Pick<EventRow, 'subject_id' | 'platform_id'>): boolean =>
    viewer === 'all' ||
    e.platform_id === viewer.platformId ||
    (e.subject_id !== null && q.platformHasSubject.get(e.subject_id, viewer.platformId) !== undefined);

  return {
    /** Removes up to `limit` deliveries that ended and were created before `before`; returns how many. */
    removeEndedDeliveries: (before: string, limit: number) => q.removeEnded.run(before, limit).changes,
    /**
     * Appends an event and a pending delivery to every live webhook that wants it and may see it; call
     * inside the transaction of the change it announces. Returns its sequence number.
     */
    append(event: NewEvent, now: Date): number {
      const at = now.toISOString();
      const row = {
        type: event.type,
        at,
        subject_id: event.subject_id ?? null,
        platform_id: event.platform_id ?? null,
        data: JSON.stringify(event.data),
      };
      const seq = Number(q.insertEvent.run(row).lastInsertRowid);
      for (const w of liveWebhooks()) {
        if (!w.events.has(event.type)) continue;
        if (!w.seesAll && !canSee({ platformId: w.platformId! }, row)) continue;
        q.insertDelivery.run({ id: newId(), webhook_id: w.id, seq, at });
      }
      // Told after the caller's transaction ends (better-sqlite3 is synchronous): committed or not, the
      // dispatcher finds what is due.
      if (listeners.size) setImmediate(() => listeners.forEach((l) => l()));
      return seq;
    },
    /** Calls `listener` soon after each append on this connection. */
    onAppend(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    event: (seq: number) => q.event.get(seq),
    canSee: (viewer: EventViewer, e: EventRow) => canSee(viewer, e),
    /**
     * The events after `after` the viewer may see, and how far the feed was read: `next_after` is the
     * last event returned, or the head when fewer than `limit` came (nothing visible lies before it).
     */
    feed(viewer: EventViewer, after: number, limit: number, type: EventType | null = null) {
      return db.transaction(() => {
        const head = q.head.get()?.seq ?? 0;
        const rows =
          viewer === 'all'
            ? q.feedAll.all({ after, type, limit })
            : q.feedPlatform.all({ after, platform: viewer.platformId, type, limit });
        const nextAfter = rows.length === limit ? rows[rows.length - 1]!.seq : Math.max(head, after);
        return { rows, head, next_after: nextAfter };
      })();
    },
    head: () => q.head.get()?.seq ?? 0,
    /** Events before `before`, newest first (the console's page; everyone's, no visibility filter). */
    recent: (before: number, limit: number, type: EventType | null = null) =>
      q.recent.all({ before, type, limit }),
    /** The platforms that must act on an event: the one it is addressed to and those with the subject's stores. */
    concernedPlatforms(e: EventRow): number[] {
      const ids = new Set<number>();
      if (e.platform_id !== null) ids.add(e.platform_id);
      if (e.subject_id !== null)
        for (const r of q.platformsOfSubject.all(e.subject_id)) ids.add(r.platform_id);
      return [...ids].sort((a, b) => a - b);
    },
    /** Records an acknowledgement; false when the platform had acknowledged it already. */
    insertAck: (row: { seq: number; platform_id: number; at: string; note: string | null }) =>
      q.insertAck.run(row).changes === 1,
    acks: (seq: number) => q.acks.all(seq),
    ack: (seq: number, platformId: number) => q.ack.get(seq, platformId),

    insertWebhook(
      row: Omit<
        WebhookRow,
        'status' | 'status_reason' | 'status_at' | 'previous_secret_enc' | 'previous_until'
      >,
    ) {
      q.insertWebhook.run(row);
    },
    webhook: (id: string) => q.webhook.get(id),
    webhooksOf: (owner: WebhookOwner | 'all') =>
      owner === 'all'
        ? q.allWebhooks.all()
        : 'platformId' in owner
          ? q.webhooksOfPlatform.all(owner.platformId)
          : q.webhooksOfRegulator.all(owner.regulatorId),
    setWebhookStatus(id: string, status: WebhookStatus, reason: string | null, at: string) {
      q.setStatus.run(status, reason, at, id);
    },
    rotateSecret: (id: string, secretEnc: Buffer, previousUntil: string) =>
      q.rotate.run({ secret: secretEnc, until: previousUntil, id }),
    dropPreviousSecret: (id: string) => q.dropPrevious.run(id),
    delivery: (id: string) => q.delivery.get(id),
    /** A webhook's deliveries before `beforeSeq`, newest first. */
    deliveries: (webhookId: string, beforeSeq: number, status: DeliveryStatus | null, limit: number) =>
      q.deliveries.all({ webhook: webhookId, before: beforeSeq, status, limit }),
    deliveryCounts(webhookId: string): Record<DeliveryStatus, number> {
      const counts = { pending: 0, delivered: 0, failed: 0, cancelled: 0 };
      for (const r of q.deliveryCounts.all(webhookId)) counts[r.status] = r.n;
      return counts;
    },
    /** The webhooks that have deliveries due at `at`. */
    webhooksWithDue: (at: string) => q.webhooksWithDue.all(at),
    /** One webhook's deliveries due at `at`, the longest-waiting first. */
    due: (webhookId: string, at: string, limit: number) => q.due.all(webhookId, at, limit),
    nextDue: () => q.nextDue.get()?.at ?? null,
    recordAttempt: (row: {
      id: string;
      status: DeliveryStatus;
      next_attempt_at: string | null;
      at: string;
      last_status: number | null;
      last_error: string | null;
    }) => q.recordAttempt.run(row).changes === 1,
    cancelPending: (webhookId: string) => q.cancelPending.run(webhookId).changes,
    requeue: (id: string, at: string) => q.requeue.run(at, id).changes === 1,
    transaction: <T>(fn: () => T) => db.transaction(fn).immediate(),
  };
}

export type EventsStore = ReturnType<typeof eventsStore>;
