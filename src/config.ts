import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from './complaints/terms.ts';
import { parseClickHouseUrl } from './transactions/clickhouse/url.ts';

/**
 * The one place that reads the environment. Everything else receives a Config.
 *
 * | variable | meaning | default |
 * | --- | --- | --- |
 * | MARKETGATE_DATA | data folder: database, keys, evidence | ./data |
 * | MARKETGATE_HOST | address the server listens on | 127.0.0.1 |
 * | MARKETGATE_PORT | port the server listens on | 8080 |
 * | MARKETGATE_MAX_BODY_BYTES | largest seller filing body | 134217728 (128 MiB) |
 * | MARKETGATE_MAX_TRANSACTION_BODY_BYTES | largest transaction filing body (streamed) | 17179869184 (16 GiB) |
 * | MARKETGATE_FILING_STALL_SECONDS | a filing whose body and checks make no progress this long is abandoned (0: never) | 60 |
 * | MARKETGATE_LOG_LEVEL | pino level (silent, error, info, debug) | info |
 * | MARKETGATE_SPORADIC_THRESHOLD_CNY | yearly sales above which a natural person must register | 100000 |
 * | MARKETGATE_RETENTION_YEARS | years transactions are kept after they finish (3 at least) | 3 |
 * | MARKETGATE_CHECK_WORKERS | worker threads that validate and encrypt filed records (0: in-process) | cores - 1, at least 1 |
 * | PUPPETEER_EXECUTABLE_PATH | Chromium for script-rendered pages | /usr/bin/chromium |
 * | MARKETGATE_CRAWL_SPACING_MS | least time between two requests to one host | 1000 |
 * | MARKETGATE_CRAWL_CONCURRENCY | requests in flight at once, all hosts together | 16 |
 * | MARKETGATE_CRAWL_TIMEOUT_MS | deadline of one page request (headers and body) | 15000 |
 * | MARKETGATE_CRAWL_BROWSER_SLOTS | pages Chromium renders at once (0: no browser) | 2 |
 * | MARKETGATE_CRAWL_STALE_DAYS | a scheduled crawl visits stores not verified for this many days | 30 |
 * | MARKETGATE_CRAWL_EVERY_MINUTES | how often the server starts a scheduled crawl (0: never) | 0 |
 * | MARKETGATE_REDIS_URL | Redis of a crawler fleet: crawls are queued there for `marketgate crawl-worker` processes instead of run in-process | (none: in-process) |
 * | MARKETGATE_TRANSACTIONS_URL | ClickHouse for orders and their history (`clickhouse://user:password@host:8123/database`): filings are signed in SQLite and loaded there (docs/decisions/0021) | (none: SQLite) |
 * | MARKETGATE_TRANSACTIONS_CLUSTER | with MARKETGATE_TRANSACTIONS_SHARDS: the ClickHouse cluster (its name in `remote_servers`) that `order_versions` is distributed over (docs/clickhouse-cluster.md) | (none: one server) |
 * | MARKETGATE_TRANSACTIONS_SHARDS | every shard's URL, comma-separated, in the order of `remote_servers`; the first is MARKETGATE_TRANSACTIONS_URL's server | (none) |
 * | MARKETGATE_REDIS_PREFIX | prefix of the fleet's keys in Redis, so that several gateways can share one server (workers read it from the gateway) | mg: |
 * | MARKETGATE_FLEET_LEASE_SECONDS | a fleet job whose worker fell silent this long is taken by another worker | 180 |
 * | MARKETGATE_CRAWL_ALLOW_PRIVATE | let the crawler visit loopback, private and link-local addresses (tests, the demo) | false |
 * | MARKETGATE_MARKS_AUTO_ISSUE | issue a trust mark to every store a crawl finds compliant (policy) | false |
 * | MARKETGATE_MARK_ISSUERS_FILE | JSON file of trust-mark issuers to recognise beside the built-in ones | (none) |
 * | MARKETGATE_PUBLIC_URL | where stores and consumers reach this gateway (marks link to it) | http://HOST:PORT |
 * | MARKETGATE_MARK_DAYS | how long an issued mark is valid, in days (1-1095) | 365 |
 * | MARKETGATE_HOLIDAYS_FILE | public holidays and adjusted working days for legal deadlines (JSON) | src/lib/holidays/cn.json |
 * | MARKETGATE_COMPLAINTS_PER_PHONE_PER_DAY | complaints one phone number may lodge in 24 hours | 3 |
 * | MARKETGATE_COMPLAINTS_PER_ADDRESS_PER_HOUR | complaints one client address may lodge in an hour | 10 |
 * | MARKETGATE_COMPLAINTS_AUTO_ACCEPT | categories accepted and forwarded at once when the purchase is verified (comma list) | (none) |
 * | MARKETGATE_COMPLAINT_MESSAGES_PER_COMPLAINT | messages the consumer, and the platform, may each add to one complaint | 200 |
 * | MARKETGATE_COMPLAINT_MESSAGES_PER_DAY | messages the consumer, and the platform, may each add to one complaint in 24 hours | 30 |
 * | MARKETGATE_COMPLAINT_FILES_PER_COMPLAINT | evidence files one complaint may hold | 20 |
 * | MARKETGATE_COMPLAINT_FILES_PER_DAY | evidence files the consumer may add to one complaint in 24 hours | 10 |
 * | MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE | requests one client address (IPv6: its /64) may make to the public routes and pages a minute | 120 |
 * | MARKETGATE_SWEEP_MINUTES | how often the server runs the credit sweep (0: never) | 60 |
 * | MARKETGATE_RISK_EVERY_MINUTES | how often the server runs the risk signals (0: never; `marketgate risk run` runs them now) | 60 |
 * | MARKETGATE_OPENDATA | build the previous day's open data after midnight China Standard Time (`marketgate opendata build` builds one now) | false |
 * | MARKETGATE_WEBHOOK_ALLOW_PRIVATE | let webhooks deliver to loopback, private and link-local addresses (test networks) | false |
 * | MARKETGATE_WEBHOOK_TIMEOUT_MS | deadline of one delivery attempt | 10000 |
 * | MARKETGATE_WEBHOOK_DELIVERY_DAYS | days a webhook delivery that ended is kept (the sweep removes older ones; pending ones stay) | 30 |
 * | MARKETGATE_WEBHOOK_CONCURRENCY | delivery attempts in flight at once, all webhooks together | 32 |
 * | MARKETGATE_SHUTDOWN_SECONDS | after SIGTERM or SIGINT, how long requests in flight may take before the gateway exits | 5 |
 * | MARKETGATE_READY_MIN_FREE_MB | GET /readyz answers 503 while the data folder's disk has less free space than this, in MiB | 1024 |
 * | MARKETGATE_TRUSTED_PROXIES | reverse proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For names the client; nobody else's is read | (none) |
 * | MARKETGATE_METRICS_TOKEN | GET /metrics answers a request with `Authorization: Bearer <this token>` (16 characters at least) | (none) |
 * | MARKETGATE_METRICS_ADDRESSES | GET /metrics answers requests from these clients (addresses or CIDRs, comma-separated; behind a proxy, the client it forwards for) | (none: with neither, /metrics is not served) |
 */
export interface Config {
  dataDir: string;
  host: string;
  port: number;
  maxBodyBytes: number;
  /** Transaction filings stream through bounded memory, so their limit is about disk, not RAM. */
  maxTransactionBodyBytes: number;
  /** A filing that reads no byte and passes no record on for this long is abandoned (its client stalled). */
  filingStallMs: number;
  logLevel: string;
  chromiumPath: string | undefined;
  /** Yearly net sales in CNY above which a natural-person seller must register (E-Commerce Law art. 10). */
  sporadicThresholdCny: number;
  /** Years a finished transaction is kept; E-Commerce Law art. 31 requires three at least. */
  retentionYears: number;
  /** Worker threads that check filed records beside the main thread; 0 checks in-process. */
  checkWorkers: number;
  crawl: CrawlConfig;
  marks: { autoIssue: boolean; days: number; issuersFile: string | undefined };
  /** Where stores and consumers reach this gateway. */
  publicUrl: string;
  /** The holiday calendar file working-day deadlines count on; undefined: the bundled one. */
  holidaysFile: string | undefined;
  complaints: ComplaintLimits & {
    perPhonePerDay: number;
    perAddressPerHour: number;
    autoAccept: ComplaintCategory[];
  };
  /**
   * Requests one client address may make to the public routes and pages (/public/*, /, /lang, /credit/*,
   * /complaints/*, /marks/*, /v1/marks/*) in a minute, all together (src/http/rate-limit.ts).
   */
  publicRequestsPerMinute: number;
  /** Minutes between the server's sweeps (list expiry, proposals, overdue publications, rescoring). */
  sweepMinutes: number;
  /** How often the server runs the risk signals (docs/risk-model.md); 0: never. */
  riskEveryMinutes: number;
  /** ClickHouse for orders (MARKETGATE_TRANSACTIONS_URL, docs/decisions/0021); none: SQLite. */
  transactionsUrl: string | undefined;
  /** A ClickHouse cluster behind it: its name and every shard's URL, the first being transactionsUrl's. */
  transactionsCluster: { name: string; shards: string[] } | undefined;
  /** Publish the previous day's open data after midnight China Standard Time (src/opendata). */
  openData: boolean;
  webhooks: WebhookConfig;
  /** After SIGTERM or SIGINT: how long requests in flight may take before the gateway exits. */
  shutdownMs: number;
  /**
   * Free space (MiB) the data folder's disk must have for GET /readyz to say the gateway can take
   * filings: a large filing stages its records in the database before it publishes them.
   */
  readyMinFreeMb: number;
  /**
   * Reverse proxies (addresses, or CIDRs like 10.0.0.0/8) whose X-Forwarded-For names the client: a
   * request from one of them is taken to come from the address it forwards for; from anyone else, the
   * header is never read (src/http/client-address.ts).
   */
  trustedProxies: string[];
  /** Who may read GET /metrics: a bearer token, client addresses (CIDRs); with neither, nobody. */
  metrics: { token: string | undefined; addresses: string[] };
}

export interface WebhookConfig {
  /** Deliver to loopback, private and link-local addresses too (test networks, the demo). */
  allowPrivateAddresses: boolean;
  timeoutMs: number;
  concurrency: number;
  /** Days a delivery that ended (delivered, failed, cancelled) is kept after it was created; pending ones stay. */
  deliveryDays: number;
}

/**
 * What one complaint may hold. The consumer and the platform each have their own allowance of messages
 * (so that neither can use up the other's); regulators are not limited: each of their messages is an
 * audited act of an accountable account, and a cap could silence the authority handling the case.
 */
export interface ComplaintLimits {
  messagesPerComplaint: number;
  messagesPerDay: number;
  filesPerComplaint: number;
  filesPerDay: number;
}

export interface CrawlConfig {
  spacingMs: number;
  concurrency: number;
  timeoutMs: number;
  browserSlots: number;
  staleDays: number;
  everyMinutes: number;
  /** Visit stores at loopback, private and link-local addresses too (the fixture web on 127.0.0.1). */
  allowPrivateAddresses: boolean;
  /** Crawls run by a fleet of workers through this Redis (issue 20); undefined: in-process. */
  redisUrl: string | undefined;
  /** Prefix of the fleet's Redis keys, so that several gateways (or tests) can share a server. */
  redisPrefix: string;
  /** A fleet job whose worker fell silent this long is taken by another (the workers read it from the gateway). */
  leaseMs: number;
}

// E-Commerce Law art. 31: transaction information is kept at least three years after completion.
export const MIN_RETENTION_YEARS = 3;

function redisPrefix(env: NodeJS.ProcessEnv): string {
  const prefix = env.MARKETGATE_REDIS_PREFIX ?? 'mg:';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(prefix))
    throw new Error('MARKETGATE_REDIS_PREFIX: 1-64 letters, digits, dots, colons, hyphens or underscores');
  return prefix;
}

/** A list of addresses and CIDRs, each checked (a typo must not trust, or let in, nobody silently). */
function addressList(name: string, env: NodeJS.ProcessEnv): string[] {
  const entries = (env[name] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = net.isIP(address ?? '');
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || rest.length)
      throw new Error(
        `${name}: "${entry}" is not an address or a CIDR (like 10.0.0.5, 10.0.0.0/8 or fd00::/8)`,
      );
  }
  return entries;
}

/** MARKETGATE_METRICS_TOKEN: long enough not to be guessed. */
function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.MARKETGATE_METRICS_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < 16 || /\s/.test(token))
    throw new Error('MARKETGATE_METRICS_TOKEN must be 16 characters at least, without spaces');
  return token;
}

function redisUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.MARKETGATE_REDIS_URL?.trim();
  if (!url) return undefined;
  if (!/^rediss?:\/\/[^\s]+$/.test(url))
    throw new Error(`MARKETGATE_REDIS_URL: not a redis:// or rediss:// URL`); // the value is not echoed: it may hold a password
  return url;
}

function transactionsUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.MARKETGATE_TRANSACTIONS_URL?.trim();
  if (!url) return undefined;
  try {
    parseClickHouseUrl(url);
  } catch (err) {
    // The value is not echoed, nor kept as the cause (Node's URL error carries the input): it may hold a
    // password.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(
      `MARKETGATE_TRANSACTIONS_URL: ${(err as Error).message.replace(/^Invalid URL.*$/, 'not a URL')}`,
    );
  }
  return url;
}

function transactionsCluster(
  env: NodeJS.ProcessEnv,
  url: string | undefined,
): { name: string; shards: string[] } | undefined {
  const name = env.MARKETGATE_TRANSACTIONS_CLUSTER?.trim();
  const list = env.MARKETGATE_TRANSACTIONS_SHARDS?.trim();
  if (!name && !list) return undefined;
  if (!url) throw new Error('MARKETGATE_TRANSACTIONS_CLUSTER and _SHARDS need MARKETGATE_TRANSACTIONS_URL');
  if (!name || !list)
    throw new Error('MARKETGATE_TRANSACTIONS_CLUSTER and MARKETGATE_TRANSACTIONS_SHARDS go together');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name))
    throw new Error('MARKETGATE_TRANSACTIONS_CLUSTER: a cluster name of letters, digits and underscores');
  const shards = list.split(',').map((s) => s.trim());
  shards.forEach((shard, i) => {
    try {
      parseClickHouseUrl(shard);
    } catch {
      // The value is not kept: it may hold a password.
      throw new Error(`MARKETGATE_TRANSACTIONS_SHARDS: shard ${i + 1} is not a ClickHouse URL`);
    }
  });
  const server = (u: string) => {
    const c = parseClickHouseUrl(u);
    return `${c.url}/${c.database}`;
  };
  if (server(shards[0]!) !== server(url))
    throw new Error(
      "MARKETGATE_TRANSACTIONS_SHARDS: the first shard is MARKETGATE_TRANSACTIONS_URL's server and database",
    );
  return { name, shards };
}

function integer(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function boolean(name: string, fallback: boolean, env: NodeJS.ProcessEnv): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

function categories(name: string, env: NodeJS.ProcessEnv): ComplaintCategory[] {
  const raw = env[name];
  if (!raw) return [];
  const list = raw
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  for (const c of list)
    if (!(COMPLAINT_CATEGORIES as readonly string[]).includes(c))
      throw new Error(`${name}: unknown category "${c}" (have ${COMPLAINT_CATEGORIES.join(', ')})`);
  return list as ComplaintCategory[];
}

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const base: Config = {
    dataDir: path.resolve(env.MARKETGATE_DATA || 'data'),
    host: env.MARKETGATE_HOST || '127.0.0.1',
    port: integer('MARKETGATE_PORT', 8080, env),
    maxBodyBytes: integer('MARKETGATE_MAX_BODY_BYTES', 128 * 1024 * 1024, env),
    maxTransactionBodyBytes: integer('MARKETGATE_MAX_TRANSACTION_BODY_BYTES', 16 * 1024 ** 3, env),
    filingStallMs: integer('MARKETGATE_FILING_STALL_SECONDS', 60, env) * 1000,
    logLevel: env.MARKETGATE_LOG_LEVEL || 'info',
    chromiumPath: env.PUPPETEER_EXECUTABLE_PATH || undefined,
    sporadicThresholdCny: integer('MARKETGATE_SPORADIC_THRESHOLD_CNY', 100_000, env),
    retentionYears: integer('MARKETGATE_RETENTION_YEARS', MIN_RETENTION_YEARS, env),
    checkWorkers: integer('MARKETGATE_CHECK_WORKERS', Math.max(1, os.availableParallelism() - 1), env),
    crawl: {
      spacingMs: integer('MARKETGATE_CRAWL_SPACING_MS', 1_000, env),
      concurrency: Math.max(1, integer('MARKETGATE_CRAWL_CONCURRENCY', 16, env)),
      timeoutMs: Math.max(100, integer('MARKETGATE_CRAWL_TIMEOUT_MS', 15_000, env)),
      browserSlots: integer('MARKETGATE_CRAWL_BROWSER_SLOTS', 2, env),
      staleDays: integer('MARKETGATE_CRAWL_STALE_DAYS', 30, env),
      everyMinutes: integer('MARKETGATE_CRAWL_EVERY_MINUTES', 0, env),
      allowPrivateAddresses: boolean('MARKETGATE_CRAWL_ALLOW_PRIVATE', false, env),
      redisUrl: redisUrl(env),
      redisPrefix: redisPrefix(env),
      leaseMs: Math.max(1, integer('MARKETGATE_FLEET_LEASE_SECONDS', 180, env)) * 1000,
    },
    marks: {
      autoIssue: boolean('MARKETGATE_MARKS_AUTO_ISSUE', false, env),
      days: Math.min(3 * 365, Math.max(1, integer('MARKETGATE_MARK_DAYS', 365, env))),
      issuersFile: env.MARKETGATE_MARK_ISSUERS_FILE || undefined,
    },
    publicUrl: '',
    holidaysFile: env.MARKETGATE_HOLIDAYS_FILE || undefined,
    sweepMinutes: integer('MARKETGATE_SWEEP_MINUTES', 60, env),
    riskEveryMinutes: integer('MARKETGATE_RISK_EVERY_MINUTES', 60, env),
    transactionsUrl: transactionsUrl(env),
    transactionsCluster: transactionsCluster(env, transactionsUrl(env)),
    openData: boolean('MARKETGATE_OPENDATA', false, env),
    complaints: {
      perPhonePerDay: integer('MARKETGATE_COMPLAINTS_PER_PHONE_PER_DAY', 3, env),
      perAddressPerHour: integer('MARKETGATE_COMPLAINTS_PER_ADDRESS_PER_HOUR', 10, env),
      autoAccept: categories('MARKETGATE_COMPLAINTS_AUTO_ACCEPT', env),
      messagesPerComplaint: integer('MARKETGATE_COMPLAINT_MESSAGES_PER_COMPLAINT', 200, env),
      messagesPerDay: integer('MARKETGATE_COMPLAINT_MESSAGES_PER_DAY', 30, env),
      filesPerComplaint: integer('MARKETGATE_COMPLAINT_FILES_PER_COMPLAINT', 20, env),
      filesPerDay: integer('MARKETGATE_COMPLAINT_FILES_PER_DAY', 10, env),
    },
    publicRequestsPerMinute: integer('MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE', 120, env),
    webhooks: {
      allowPrivateAddresses: boolean('MARKETGATE_WEBHOOK_ALLOW_PRIVATE', false, env),
      timeoutMs: Math.max(100, integer('MARKETGATE_WEBHOOK_TIMEOUT_MS', 10_000, env)),
      concurrency: Math.max(1, integer('MARKETGATE_WEBHOOK_CONCURRENCY', 32, env)),
      deliveryDays: Math.max(1, integer('MARKETGATE_WEBHOOK_DELIVERY_DAYS', 30, env)),
    },
    shutdownMs: integer('MARKETGATE_SHUTDOWN_SECONDS', 5, env) * 1000,
    readyMinFreeMb: integer('MARKETGATE_READY_MIN_FREE_MB', 1024, env),
    trustedProxies: addressList('MARKETGATE_TRUSTED_PROXIES', env),
    metrics: { token: metricsToken(env), addresses: addressList('MARKETGATE_METRICS_ADDRESSES', env) },
  };
  const merged: Config = {
    ...base,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  };
  if (merged.retentionYears < MIN_RETENTION_YEARS) {
    throw new Error(
      `MARKETGATE_RETENTION_YEARS must be at least ${MIN_RETENTION_YEARS} (E-Commerce Law art. 31)`,
    );
  }
  const publicUrl = (env.MARKETGATE_PUBLIC_URL || `http://${merged.host}:${merged.port}`).replace(/\/+$/, '');
  return { ...merged, publicUrl: merged.publicUrl || publicUrl, dataDir: path.resolve(merged.dataDir) };
}
