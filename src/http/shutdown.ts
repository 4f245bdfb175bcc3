import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net from 'node:net';
import type { Gateway } from '../gateway-types.ts';
import { settledOrAborted } from '../lib/abort.ts';
import { startDraining } from './health.ts';

/**
 * Time kept back from the shutdown deadline for closing the gateway once the requests in flight are done
 * or cut off: a quarter of it, at most a second. Closing takes tens of milliseconds (threads, database),
 * a few hundred with a Chromium to end.
 */
const CLOSE_RESERVE_MS = 1_000;

/** The requests a server is answering: a shutdown lets them finish, and names those it cuts off. */
export class RequestsInFlight {
  /** Each response in flight with its request's method and path (never its query: it may be personal). */
  private readonly requests = new Map<ServerResponse, string>();
  private draining = false;
  private drained: (() => void) | undefined;

  constructor(server: Server) {
    // Before the app's listeners, which may answer at once: an answer while draining closes its connection.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      this.requests.set(res, `${req.method} ${(req.url ?? '').split('?')[0]}`);
      if (this.draining) res.shouldKeepAlive = false;
      res.once('close', () => {
        this.requests.delete(res);
        if (this.requests.size === 0) this.drained?.();
      });
    });
  }

  list(): string[] {
    return [...this.requests.values()];
  }

  /**
   * From now on every answer closes its connection (keep-alive connections idle meanwhile stay open, for a
   * load balancer's /readyz to hear 503). Resolves when no request is in flight, or when `signal` aborts.
   */
  drain(signal: AbortSignal): Promise<void> {
    this.draining = true;
    for (const res of this.requests.keys()) if (!res.headersSent) res.shouldKeepAlive = false;
    if (this.requests.size === 0) return Promise.resolve();
    return settledOrAborted(new Promise<void>((resolve) => (this.drained = resolve)), signal);
  }
}

/** What a shutdown is still waiting for, by name: logged when the deadline passes first. */
export class ShutdownSteps {
  private readonly pending = new Set<string>();

  constructor(private readonly requests: RequestsInFlight) {}

  async run<T>(name: string, step: Promise<T>): Promise<T> {
    this.pending.add(name);
    try {
      return await step;
    } finally {
      this.pending.delete(name);
    }
  }

  names(): string[] {
    return [...this.pending].map((name) =>
      name === REQUESTS ? `${name}: ${this.requests.list().join(', ')}` : name,
    );
  }
}

const REQUESTS = 'requests in flight';

/**
 * Stops a running gateway by `deadline` (a Date.now() time). At once: /readyz answers 503, the listening
 * socket closes, and nothing new starts in the background (schedules, crawl visits, webhook attempts).
 * Then the requests in flight finish, and meanwhile the crawl visits and webhook attempts in flight too,
 * until the deadline less the time kept for closing. What is still in flight then is cut off, as by a
 * crash: a filing is published whole or not at all (publishing is one transaction; what one that was
 * not had staged is removed at the next start, and the same Idempotency-Key files it again or answers
 * with the receipt of the one that was); a crawl visit cut off leaves its store unvisited, for the crawl
 * to take up after the restart; a webhook delivery cut off stays pending and goes out again. Last, the
 * gateway closes (crawler and Chromium, threads, database).
 */
export async function shutDown(
  parts: {
    gateway: Gateway;
    server: Server;
    requests: RequestsInFlight;
    /** Stops the server's schedules; resolves when a background job it aborted has ended. */
    stopBackground(): Promise<void>;
  },
  deadline: number,
  steps: ShutdownSteps,
): Promise<void> {
  const { gateway, server, requests } = parts;
  gateway.logger.info({ seconds: Math.max(0, (deadline - Date.now()) / 1000) }, 'shutting down');
  startDraining(gateway);
  // net.Server's close, not http.Server's: that one also closes the idle kept-alive connections at once,
  // and a load balancer's /readyz on them is to hear 503 (each closes after its next answer; all do once
  // the drain ends). Either stops listening.
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  const drainOver = new AbortController();
  const reserve = Math.min(CLOSE_RESERVE_MS, (deadline - Date.now()) / 4);
  const timer = setTimeout(() => drainOver.abort(), deadline - reserve - Date.now());
  const background = Promise.all([
    steps.run('background jobs', parts.stopBackground()),
    steps.run('crawl visits in flight', gateway.crawls.stop(drainOver.signal)),
    steps.run('webhook attempts in flight', gateway.webhooks.stop(drainOver.signal)),
  ]);
  await steps.run(REQUESTS, requests.drain(drainOver.signal));
  clearTimeout(timer);
  drainOver.abort();
  const cutOff = requests.list();
  if (cutOff.length)
    gateway.logger.warn(
      { requests: cutOff },
      'shutdown: requests still in flight are cut off (a filing among them is filed whole or not at all; its platform files it again with the same Idempotency-Key)',
    );
  server.closeAllConnections();
  await background;
  await steps.run('closing the gateway (crawler and Chromium, threads, database)', gateway.close());
  await closed;
  gateway.logger.info('stopped');
}
