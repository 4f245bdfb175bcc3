import { Readable } from 'node:stream';
import {
  type ClickHouseClient as OfficialClient,
  ClickHouseError as OfficialError,
  ClickHouseLogLevel,
  type ClickHouseSettings,
  createClient,
} from '@clickhouse/client';
import { bindParams, type SqlValue } from './sql.ts';
import { parseClickHouseUrl } from './url.ts';

/**
 * The gateway's ClickHouse connection (issue 21): the official client, @clickhouse/client, over the HTTP
 * interface, held to what Debian's server, 18.16, understands. Checked against it
 * (docs/notes/clickhouse-18.16.md): query, insert and command work as they are; what does not is
 * covered here:
 *
 * - server-side query parameters do not exist in 18.16, so `{name:Type}` placeholders are filled in
 *   here, quoted (sql.ts);
 * - the client recognises only the error text of current servers (`Code: 47. DB::Exception: ...
 *   (UNKNOWN_IDENTIFIER)`); 18.16 writes `Code: 47, e.displayText() = ...`, which the client passes on as
 *   a plain Error without its code. Both become a ClickHouseError with the numeric code here;
 * - an error met while a result streams is written into the body after a 200 (every release does
 *   this); queries ask the server to hold the result until it is complete (`wait_end_of_query`), so
 *   such an error is a 500 with its code rather than a JSON parse failure halfway through the rows.
 *
 * Settings go as URL parameters. 64-bit integers come back as JSON strings
 * (`output_format_json_quote_64bit_integers`, pinned here so no server default changes it): a UInt64
 * above 2^53 would not survive as a JavaScript number.
 */

/** An error the server answered with: its numeric code (e.g. 60, no such table) and its message. */
export class ClickHouseError extends Error {
  override readonly name = 'ClickHouseError';
  constructor(
    readonly code: number,
    message: string,
    /** The code's name (`UNKNOWN_TABLE`), which current servers send and 18.16 does not. */
    readonly type?: string,
  ) {
    super(message);
  }
}

/**
 * The error in a response body, in any of its forms: `Code: 60, e.displayText() = DB::Exception: Table x
 * doesn't exist., e.what() = DB::Exception` (18.16), the same ending in `(version 20.8.3.18 (official
 * build))` instead (19.x to 21.x), or `Code: 60. DB::Exception: Table x does not exist. (UNKNOWN_TABLE)
 * (version 24.8.1.1 (official build))` (current). Null when the body is not a server error.
 */
export function parseServerError(body: string): ClickHouseError | null {
  const head = /^\s*Code: (\d+)[.,] ([\s\S]*)$/.exec(body);
  if (!head) return null;
  let message = head[2]!
    .trim()
    .replace(/^e\.displayText\(\) = /, '')
    .replace(/^DB::Exception: /, '')
    .replace(/ \(version [^()]*(\([^()]*\))?\)$/, '')
    .replace(/, e\.what\(\) = [\w:]+$/, '');
  const type = / \(([A-Z][A-Z0-9_]{2,})\)$/.exec(message);
  if (type) message = message.slice(0, type.index);
  return new ClickHouseError(Number(head[1]), message.replace(/\.$/, ''), type?.[1]);
}

export { type ClickHouseConnection, parseClickHouseUrl } from './url.ts';

type Params = Record<string, SqlValue>;
/** ClickHouse settings by name, sent as URL parameters (`max_execution_time`, `insert_distributed_sync`...). */
type Settings = Record<string, string | number>;

export interface ClickHouseOptions {
  /** How long one request may take, from sending to the last byte of the answer. @default 30000 */
  timeoutMs?: number;
  /** Settings sent with every request (as URL parameters). */
  settings?: Settings;
}

export interface InsertOptions {
  format: 'JSONEachRow';
  /**
   * The columns the rows carry. With a list, the columns left out get their DEFAULT expressions; without
   * one, 18.16 gives a field missing from a JSON row its type's zero, not its DEFAULT (current servers
   * apply DEFAULT either way: `input_format_defaults_for_omitted_fields`, which 18.16 lacks).
   */
  columns?: [string, ...string[]];
  settings?: Settings;
}

export class ClickHouse {
  readonly database: string;
  private readonly client: OfficialClient;

  constructor(url: string, options: ClickHouseOptions = {}) {
    const connection = parseClickHouseUrl(url);
    this.database = connection.database;
    this.client = createClient({
      ...connection,
      application: 'marketgate',
      request_timeout: options.timeoutMs ?? 30_000,
      // gzip on a request costs more CPU than the bytes it saves between neighbouring hosts (300,000 rows
      // took 4.8 s gzipped, 0.8 s plain, on this machine).
      compression: { request: false, response: false },
      clickhouse_settings: {
        output_format_json_quote_64bit_integers: 1,
        ...options.settings,
      } as ClickHouseSettings,
      // Errors are thrown to the caller, who logs them: the client's own logging would print each twice.
      log: { level: ClickHouseLogLevel.OFF },
      json: { parse: JSON.parse, stringify: (row) => (row === ABORTED ? '{"' : JSON.stringify(row)) },
    });
  }

  /** The rows of a SELECT (JSONEachRow), its `{name:Type}` placeholders filled from `params`. */
  async query<T = Record<string, unknown>>(
    sql: string,
    params: Params = {},
    settings: Settings = {},
  ): Promise<T[]> {
    return translateErrors(async () => {
      const result = await this.client.query({
        query: bindParams(sql, params),
        format: 'JSONEachRow',
        clickhouse_settings: { wait_end_of_query: 1, ...settings } as ClickHouseSettings,
      });
      return result.json<T>();
    });
  }

  /**
   * Each row of a SELECT as its TabSeparated line, streamed to `onLine`. The server finishes the query
   * before it answers (wait_end_of_query), so that a failure is an error, never a result cut short.
   */
  async eachLine(sql: string, params: Params, onLine: (line: string) => void): Promise<void> {
    await translateErrors(async () => {
      const result = await this.client.query({
        query: bindParams(sql, params),
        format: 'TabSeparated',
        clickhouse_settings: { wait_end_of_query: 1 } as ClickHouseSettings,
      });
      for await (const rows of result.stream() as AsyncIterable<{ text: string }[]>)
        for (const row of rows) onLine(row.text);
    });
  }

  /** A statement without rows to return: DDL, ALTER, OPTIMIZE, INSERT ... SELECT. */
  async command(sql: string, params: Params = {}, settings: Settings = {}): Promise<void> {
    await translateErrors(() =>
      this.client.command({ query: bindParams(sql, params), clickhouse_settings: settings }),
    );
  }

  /**
   * Streams `rows` into `table` in one request. The server writes what it has parsed in blocks of
   * `max_insert_block_size` rows (1,048,576): an insert that fails before the first block is full
   * writes nothing. If `rows` throws, the body is ended with a line no JSON parser takes, so that the
   * server fails the insert (18.16 would otherwise take a body cut at a row boundary as complete and
   * keep the rows sent so far), and the source's error is thrown.
   */
  async insert(
    table: string,
    rows: AsyncIterable<object> | Iterable<object>,
    options: InsertOptions,
  ): Promise<void> {
    const source = Array.isArray(rows) ? null : new GuardedRows(rows);
    try {
      await translateErrors(() =>
        this.client.insert({
          table,
          values: source ? Readable.from(source.rows()) : (rows as object[]),
          format: options.format,
          ...(options.columns ? { columns: options.columns } : {}),
          clickhouse_settings: (options.settings ?? {}) as ClickHouseSettings,
        }),
      );
    } catch (err) {
      throw source?.failure ?? err;
    }
  }

  /** Whether the server answers its health check (GET /ping). */
  async ping(): Promise<boolean> {
    return (await this.client.ping()).success;
  }

  /** Closes the kept-alive sockets. */
  async close(): Promise<void> {
    await this.client.close();
  }
}

/** The row that stands for a failed source: written as `{"`, which no JSON parser takes. */
const ABORTED = Object.freeze({});

/** Rows passed through as they come; if their source throws, the error is kept and ABORTED ends them. */
class GuardedRows {
  failure: unknown;
  constructor(private readonly source: AsyncIterable<object> | Iterable<object>) {}

  async *rows(): AsyncGenerator<object> {
    try {
      yield* this.source;
    } catch (err) {
      this.failure = err;
      yield ABORTED;
    }
  }
}

async function translateErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof OfficialError) throw new ClickHouseError(Number(err.code), err.message, err.type);
    throw (err instanceof Error && parseServerError(err.message)) || err;
  }
}
