/**
 * Sends webhook deliveries (Standard Webhooks, https://www.standardwebhooks.com/): each pending delivery
 * whose time has come is POSTed to its webhook's URL, signed with the webhook's secret (and the previous
 * one during a rotation). 2xx is success; 410 Gone disables the webhook; anything else, or no answer in
 * time, is retried with exponential backoff and jitter for about three days (RETRY_DELAYS_S), after which
 * the delivery fails and the webhook is marked failing (a later success marks it active again).
 *
 * Deliveries are rows, written with their events, so a restart loses none: the dispatcher only reads
 * what is due. It runs in the server's process; `runDue` is also what tests drive with their own clock.
 */
import { Webhook } from 'standardwebhooks';
import { Agent, fetch as undiciFetch } from 'undici';
import type { Logger } from 'pino';
import { isPublicAddress, literalAddress, publicOnlyLookup } from '../../crawlers/fetch/address-guard.ts';
import type { WebhookConfig } from '../config.ts';
import type { Metrics } from '../http/metrics.ts';
import type { Keyring } from '../keys/keyring.ts';
import { settledOrAborted } from '../lib/abort.ts';
import type { DeliveryRow, EventsStore, WebhookRow } from './store.ts';
import { payloadOf } from './types.ts';

/**
 * Seconds to wait after each failed attempt: doubling from 5 s up to 12 hours, 18 retries in all, about
 * 2.9 days from the first attempt to the last (before jitter). Attempt n + 1 comes RETRY_DELAYS_S[n - 1]
 * after attempt n.
 */
export const RETRY_DELAYS_S: readonly number[] = Array.from({ length: 18 }, (_, i) =>
  Math.min(5 * 2 ** i, 12 * 3600),
);
/** Each delay is stretched or shrunk by up to this fraction at random, so that retries do not come in waves. */
export const JITTER = 0.2;
/** Attempts in flight to one webhook at once: a slow receiver holds a few slots, not all of them. */
export const PER_WEBHOOK_IN_FLIGHT = 4;
/** A receiver's answer is read this far (for the delivery log), and no further. */
const MAX_ERROR_CHARS = 300;

export interface DispatcherOptions {
  events: EventsStore;
  keys: Keyring;
  logger: Logger;
  config: WebhookConfig;
  now?: () => Date;
  random?: () => number;
  /** Scales every retry delay (benchmarks compress three days of retries; 1 in production). */
  delayScale?: number;
  /** Counts each attempt's outcome (GET /metrics). */
  metrics?: Pick<Metrics, 'delivery'>;
}

export interface AttemptOutcome {
  status: number | null;
  error: string | null;
}

export class WebhookDispatcher {
  private readonly opts: Required<Omit<DispatcherOptions, 'delayScale' | 'metrics'>> &
    Pick<DispatcherOptions, 'metrics'> & { delayScale: number };
  private readonly agent: Agent;
  private readonly perWebhook = new Map<string, number>();
  /** Deliveries being attempted: a second look at the due rows must not send them twice. */
  private readonly sending = new Set<string>();
  /** The attempts in flight, so that `stop` and `runDue` can wait for them. */
  private readonly attempts = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private unsubscribe: (() => void) | undefined;
  /** Set when a stop stopped waiting: the attempts in flight are cut off and not recorded. */
  private cutOff = false;

  constructor(options: DispatcherOptions) {
    this.opts = {
      now: () => new Date(),
      random: Math.random,
      delayScale: 1,
      ...options,
    };
    this.agent = new Agent({
      connect: options.config.allowPrivateAddresses ? {} : { lookup: publicOnlyLookup },
      headersTimeout: options.config.timeoutMs,
      bodyTimeout: options.config.timeoutMs,
    });
  }

  /**
   * Starts sending: at once for what is due, soon after each new event, as each attempt ends (its slot
   * is refilled from the backlog), and every second for retries that have come due.
   */
  start(): void {
    this.stopped = false;
    this.unsubscribe = this.opts.events.onAppend(() => this.poke());
    this.timer = setInterval(() => this.poke(), 1_000);
    this.timer.unref();
    this.poke();
  }

  /**
   * Stops sending, after the attempts in flight; when `signal` aborts first (a shutdown's deadline),
   * those are cut off and not recorded: their deliveries stay pending and go out again after the restart
   * (a receiver that got one twice knows it by its webhook-id, as after any answer that was lost).
   */
  async stop(signal?: AbortSignal): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    await settledOrAborted(Promise.all(this.attempts), signal);
    if (signal?.aborted) {
      this.cutOff = true;
      await this.agent.destroy().catch(() => {});
    }
    await Promise.all(this.attempts);
    await this.agent.close().catch(() => {});
  }

  /** Fills the free slots with due deliveries (nothing when stopped). */
  poke(): void {
    if (this.stopped) return;
    try {
      this.fill();
    } catch (err) {
      this.opts.logger.error({ err }, 'webhook dispatch failed');
    }
  }

  /**
   * Starts an attempt for every delivery due now, as far as the concurrency limits allow, and waits for
   * all attempts in flight; returns how many it started. Tests drive the dispatcher with it (with their
   * own clock), without `start`.
   */
  async runDue(): Promise<number> {
    const started = this.fill();
    await Promise.all(this.attempts);
    return started;
  }

  /**
   * Starts attempts for due deliveries into the free slots: at most PER_WEBHOOK_IN_FLIGHT per webhook and
   * `concurrency` in all, each webhook from its own backlog (one webhook's backlog does not hold back the
   * others). Returns how many it started.
   */
  private fill(): number {
    const { events, config } = this.opts;
    const at = this.opts.now().toISOString();
    let started = 0;
    for (const w of events.webhooksWithDue(at)) {
      const busy = this.perWebhook.get(w.id) ?? 0;
      let free = Math.min(PER_WEBHOOK_IN_FLIGHT - busy, config.concurrency - this.sending.size);
      if (free <= 0) continue;
      for (const d of events.due(w.id, at, free + busy)) {
        if (this.sending.has(d.id)) continue;
        this.track(this.attempt(w, d));
        started++;
        if (--free === 0) break;
      }
      if (this.sending.size >= config.concurrency) break;
    }
    return started;
  }

  private track(attempt: Promise<void>): void {
    this.attempts.add(attempt);
    void attempt
      .catch((err: unknown) => this.opts.logger.error({ err }, 'webhook attempt failed'))
      .finally(() => {
        this.attempts.delete(attempt);
        this.poke();
      });
  }

  private async attempt(w: WebhookRow, d: DeliveryRow): Promise<void> {
    this.sending.add(d.id);
    this.perWebhook.set(w.id, (this.perWebhook.get(w.id) ?? 0) + 1);
    try {
      const outcome = await this.send(w, d);
      if (!this.cutOff) this.settle(w, d, outcome);
    } finally {
      this.sending.delete(d.id);
      const left = (this.perWebhook.get(w.id) ?? 1) - 1;
      if (left) this.perWebhook.set(w.id, left);
      else this.perWebhook.delete(w.id);
    }
  }

  /** One POST of one delivery: the signed body, or why it could not be sent. */
  async send(w: WebhookRow, d: DeliveryRow): Promise<AttemptOutcome> {
    const { events, keys, config } = this.opts;
    const event = events.event(d.seq);
    if (!event) return { status: null, error: `event ${d.seq} not found` };
    const body = JSON.stringify(payloadOf(event));
    const now = this.opts.now();
    const secrets = [keys.decrypt(w.secret_enc)];
    if (w.previous_secret_enc && w.previous_until && w.previous_until > now.toISOString())
      secrets.push(keys.decrypt(w.previous_secret_enc));
    const signature = secrets.map((s) => new Webhook(s).sign(d.id, now, body)).join(' ');
    // An address written in the URL is connected to without a lookup: the guard checks it here.
    const literal = literalAddress(new URL(w.url).hostname);
    if (!config.allowPrivateAddresses && literal && !isPublicAddress(literal))
      return { status: null, error: `${literal} is not a public address` };
    try {
      const response = await undiciFetch(w.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'marketgate-webhooks/1',
          'webhook-id': d.id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
        // A redirect could lead anywhere, past the address guard's first answer: it counts as a failure.
        redirect: 'manual',
        dispatcher: this.agent,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      const ok = response.status >= 200 && response.status < 300;
      let text = '';
      if (!ok) text = (await response.text().catch(() => '')).slice(0, MAX_ERROR_CHARS);
      else await response.body?.cancel().catch(() => {});
      return { status: response.status, error: ok ? null : text || null };
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const message =
        (err as Error).name === 'TimeoutError'
          ? `no answer within ${config.timeoutMs} ms`
          : (cause?.code ?? cause?.message ?? (err as Error).message);
      return { status: null, error: message.slice(0, MAX_ERROR_CHARS) };
    }
  }

  /** Records an attempt's outcome and what it does to the delivery and the webhook. */
  settle(w: WebhookRow, d: DeliveryRow, outcome: AttemptOutcome): void {
    const { events, logger } = this.opts;
    const now = this.opts.now();
    const at = now.toISOString();
    const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    const counted = events.transaction((): 'delivered' | 'cancelled' | 'failed' | 'retry' | undefined => {
      const current = events.webhook(w.id);
      if (!current) return undefined;
      if (ok) {
        events.recordAttempt({
          id: d.id,
          status: 'delivered',
          next_attempt_at: null,
          at,
          ...lastOf(outcome),
        });
        if (current.status === 'failing') events.setWebhookStatus(w.id, 'active', null, at);
        return 'delivered';
      }
      if (outcome.status === 410) {
        events.recordAttempt({
          id: d.id,
          status: 'cancelled',
          next_attempt_at: null,
          at,
          ...lastOf(outcome),
        });
        if (current.status !== 'deleted') {
          events.setWebhookStatus(w.id, 'disabled', 'the receiver answered 410 Gone', at);
          const cancelled = events.cancelPending(w.id);
          logger.warn({ webhook: w.id, cancelled }, 'webhook disabled: its receiver answered 410 Gone');
        }
        return 'cancelled';
      }
      const delay = this.retryDelayMs(d.attempts + 1);
      if (delay === null) {
        events.recordAttempt({ id: d.id, status: 'failed', next_attempt_at: null, at, ...lastOf(outcome) });
        if (current.status === 'active') {
          events.setWebhookStatus(
            w.id,
            'failing',
            `delivery ${d.id} (event ${d.seq}) failed ${d.attempts + 1} times over about three days`,
            at,
          );
          logger.warn({ webhook: w.id, delivery: d.id }, 'webhook failing: a delivery ran out of retries');
        }
        return 'failed';
      }
      events.recordAttempt({
        id: d.id,
        status: 'pending',
        next_attempt_at: new Date(now.getTime() + delay).toISOString(),
        at,
        ...lastOf(outcome),
      });
      return 'retry';
    });
    if (counted) this.opts.metrics?.delivery(counted);
  }

  /** The wait after the `attempts`-th failed attempt, jittered; null when no retry is left. */
  retryDelayMs(attempts: number): number | null {
    const base = RETRY_DELAYS_S[attempts - 1];
    if (base === undefined) return null;
    const jitter = 1 - JITTER + 2 * JITTER * this.opts.random();
    return Math.round(base * 1000 * jitter * this.opts.delayScale);
  }
}

const lastOf = (o: AttemptOutcome) => ({ last_status: o.status, last_error: o.error });
