/** MARKETGATE_TRANSACTIONS_URL, read without loading the ClickHouse client (config.ts reads it in every thread). */

export interface ClickHouseConnection {
  /** The HTTP interface's address, without credentials or path: `http://127.0.0.1:8123`. */
  url: string;
  database: string;
  username: string;
  password: string;
}

/**
 * `clickhouse://user:password@host:port/database` (the form of MARKETGATE_TRANSACTIONS_URL; HTTP, port
 * 8123 unless given), or the same with `http://` or `https://` (port 8443). User and password are
 * percent-decoded; without them the server's `default` user with no password is used, without a
 * database `default`.
 */
export function parseClickHouseUrl(text: string): ClickHouseConnection {
  const url = new URL(text);
  const scheme = url.protocol.replace(/:$/, '');
  if (!['clickhouse', 'http', 'https'].includes(scheme)) {
    throw new Error(`a ClickHouse URL starts with clickhouse://, http:// or https://, not ${scheme}://`);
  }
  if (url.search || url.hash) throw new Error('a ClickHouse URL takes no ?query or #fragment');
  const protocol = scheme === 'https' ? 'https' : 'http';
  const port = url.port || (protocol === 'https' ? '8443' : '8123');
  const database = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, ''));
  if (database.includes('/')) throw new Error(`a ClickHouse URL names one database, not ${database}`);
  return {
    url: `${protocol}://${url.hostname}:${port}`,
    database: database || 'default',
    username: decodeURIComponent(url.username) || 'default',
    password: decodeURIComponent(url.password),
  };
}
