import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/fleet/local-redis.ts';

/**
 * ClickHouse servers of their own for the tests (issue 21): each a child process on 127.0.0.1, on free
 * ports, with its config, data and logs in a fresh temporary folder. Nothing of the system's service is
 * used (Debian's package installs one; .ci/setup does not start it), nor /etc/clickhouse-server or
 * /var/lib/clickhouse, so the tests need no root.
 *
 * Written for Debian's clickhouse-server 18.16 (what .ci/setup installs) and kept to config that current
 * releases also read: docs/notes/clickhouse-18.16.md says what differs.
 */

/** The database the servers are started with, and that `url` names. */
export const CLICKHOUSE_DATABASE = 'marketgate';
/** The cluster name in each server's `remote_servers`, for Distributed tables. */
export const CLICKHOUSE_CLUSTER = 'marketgate';

/**
 * The command that runs a server: Debian's package has `/usr/sbin/clickhouse-server`; upstream packages
 * have one `clickhouse` binary (`clickhouse server`) with `clickhouse-server` as a link to it. Null when
 * this machine has neither.
 */
export function clickHouseServerCommand(): string[] | null {
  for (const candidate of ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server']) {
    if (fs.existsSync(candidate)) return [candidate];
  }
  const found = (name: string) => {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
    } catch {
      return null;
    }
  };
  const server = found('clickhouse-server');
  if (server) return [server];
  const multi = found('clickhouse');
  return multi ? [multi, 'server'] : null;
}

/**
 * Why the tests that need a ClickHouse server cannot run here, or null when they can (for
 * `describe.skipIf`). CI installs clickhouse-server (.ci/setup), so there they always run.
 */
export const clickHouseMissing: string | null = clickHouseServerCommand()
  ? null
  : 'clickhouse-server is not installed (run .ci/setup, or apt-get install clickhouse-server)';

if (clickHouseMissing) console.warn(`skipping the tests that run ClickHouse: ${clickHouseMissing}`);

/**
 * The transactions stores a suite runs over (`describe.each(STORES)`): SQLite, and ClickHouse where its
 * server is installed (where it is not, the warning above says that its half did not run, and why).
 */
export const STORES: readonly ('sqlite' | 'clickhouse')[] = clickHouseMissing
  ? ['sqlite']
  : ['sqlite', 'clickhouse'];

export function clickHouseAvailable(): boolean {
  return clickHouseMissing === null;
}

export interface ClickHouseOptions {
  /** The default user's password (empty by default): to test credentials in the URL. */
  password?: string;
  /**
   * How parts are compressed (the server's `<compression>`; lz4 when absent). Per-column CODECs do
   * not exist in 18.16, so this is the one knob there.
   */
  compression?: 'lz4' | 'zstd';
}

export interface ClickHouseServerPorts {
  http: number;
  tcp: number;
  interserver: number;
}

export interface TestClickHouse {
  /** `clickhouse://default[:password]@127.0.0.1:<http port>/marketgate`: the form MARKETGATE_TRANSACTIONS_URL takes. */
  url: string;
  /** The same server as a plain HTTP address (no credentials, no database). */
  httpUrl: string;
  httpPort: number;
  /** The native protocol's port: what Distributed tables use between servers. */
  tcpPort: number;
  /** The server's folder: config.xml, users.xml, data/, server.log, server.err.log. */
  dataDir: string;
  /** Stops the server as a crash would (SIGKILL): what it had not written to its parts is gone. */
  kill(): void;
  /** Starts it again on the same ports and folder (after `kill`, or while it runs: then it is killed first). */
  restart(): Promise<void>;
  /** Kills it and removes its folder. */
  close(): Promise<void>;
  /** The server's process id while it runs (benchmarks read its CPU time). */
  pid(): number | undefined;
  /** A new, empty database on this server: its URL, as `url` names `marketgate` (one a gateway, in tests). */
  newDatabase(): Promise<string>;
}

export interface TestClickHouseCluster {
  /** The cluster's name in `remote_servers` (the first argument of `Distributed(...)`). */
  cluster: string;
  /** One server a shard, in the order of the shards in `remote_servers`. */
  shards: TestClickHouse[];
  /** Stops every server and removes their folders. */
  close(): Promise<void>;
  /** A new, empty database of the same name on every shard: each shard's URL, in the cluster's order. */
  newDatabase(): Promise<string[]>;
}

/**
 * A ClickHouse server of its own, with the database `marketgate` created. It is also a cluster of one
 * shard, `marketgate` (itself), so that DDL written for Distributed tables runs on it unchanged.
 */
export async function startClickHouse(options: ClickHouseOptions = {}): Promise<TestClickHouse> {
  const ports = await allocatePorts(1);
  return launchInFolder(ports[0]!, ports, options);
}

/**
 * `count` servers that are the shards of one cluster, `marketgate`: each lists all of them in its
 * `remote_servers`, so a Distributed table on any of them reads and writes all shards. One replica a
 * shard and `internal_replication` false: the tables behind are plain MergeTree (ReplicatedMergeTree
 * needs ZooKeeper, which is not here), and with one replica there is nothing to replicate.
 */
export async function startClickHouseCluster(
  count = 2,
  options: ClickHouseOptions = {},
): Promise<TestClickHouseCluster> {
  const ports = await allocatePorts(count);
  const shards = await Promise.all(ports.map((p) => launchInFolder(p, ports, options)));
  return {
    cluster: CLICKHOUSE_CLUSTER,
    shards,
    close: async () => void (await Promise.all(shards.map((s) => s.close()))),
    // Each shard numbers its databases alike, so one call a shard gives the same name on all of them.
    newDatabase: () => Promise.all(shards.map((s) => s.newDatabase())),
  };
}

/** Distinct free ports, three a server (the kernel could hand the same port out twice in a row). */
async function allocatePorts(servers: number): Promise<ClickHouseServerPorts[]> {
  const taken = new Set<number>();
  while (taken.size < servers * 3) taken.add(await freePort());
  const list = [...taken];
  return Array.from({ length: servers }, (_, i) => ({
    http: list[i * 3]!,
    tcp: list[i * 3 + 1]!,
    interserver: list[i * 3 + 2]!,
  }));
}

async function launchInFolder(
  ports: ClickHouseServerPorts,
  cluster: ClickHouseServerPorts[],
  options: ClickHouseOptions,
): Promise<TestClickHouse> {
  const command = clickHouseServerCommand();
  if (!command) throw new Error(clickHouseMissing!);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketgate-clickhouse-'));
  const password = options.password ?? '';
  fs.writeFileSync(path.join(dataDir, 'config.xml'), serverConfig(dataDir, ports, cluster, options));
  fs.writeFileSync(path.join(dataDir, 'users.xml'), usersConfig(password));
  const httpUrl = `http://127.0.0.1:${ports.http}`;
  const credentials = password ? `default:${encodeURIComponent(password)}` : 'default';
  const launch = async () => {
    const child = await launchClickHouse(command, dataDir, httpUrl);
    await createDatabase(httpUrl, password);
    return child;
  };
  let child: ChildProcess | undefined;
  try {
    child = await launch();
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  let databases = 0;
  return {
    url: `clickhouse://${credentials}@127.0.0.1:${ports.http}/${CLICKHOUSE_DATABASE}`,
    async newDatabase() {
      const name = `test_${++databases}`;
      await createDatabase(httpUrl, password, name);
      return `clickhouse://${credentials}@127.0.0.1:${ports.http}/${name}`;
    },
    httpUrl,
    httpPort: ports.http,
    tcpPort: ports.tcp,
    dataDir,
    kill: () => void child?.kill('SIGKILL'),
    pid: () => child?.pid,
    async restart() {
      await killClickHouse(child);
      child = await launch();
    },
    // Killed, not stopped: its folder goes, so there is nothing to flush, and a graceful shutdown
    // takes about a second (it polls its listening sockets and waits for open client connections).
    async close() {
      await killClickHouse(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The server's config.xml. What is small on purpose, for a shared 2-core machine: the mark cache
 * (5 GiB by default, 64 MiB here), no uncompressed cache, 4 background merge threads (16 by default:
 * `background_pool_size`, a profile setting in 18.16, see usersConfig), no query or part log.
 * `max_server_memory_usage` (1 GiB) is for current releases; 18.16 ignores it without a word (its error
 * log stays empty) and has the profile's `max_memory_usage_for_all_queries` instead.
 */
function serverConfig(
  dir: string,
  ports: ClickHouseServerPorts,
  cluster: ClickHouseServerPorts[],
  options: ClickHouseOptions,
): string {
  const shards = cluster.map(
    (p) =>
      `<shard><internal_replication>false</internal_replication><replica><host>127.0.0.1</host>` +
      `<port>${p.tcp}</port><user>default</user><password>${xml(options.password ?? '')}</password>` +
      `</replica></shard>`,
  );
  return `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>${dir}/server.log</log>
    <errorlog>${dir}/server.err.log</errorlog>
    <size>10M</size>
    <count>1</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>0</uncompressed_cache_size>
  <max_server_memory_usage>1073741824</max_server_memory_usage>
  <max_concurrent_queries>20</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
  <remote_servers><${CLICKHOUSE_CLUSTER}>${shards.join('')}</${CLICKHOUSE_CLUSTER}></remote_servers>
  ${options.compression === 'zstd' ? '<compression><case><method>zstd</method></case></compression>' : ''}
</yandex>
`;
}

/** users.xml: the default user, from 127.0.0.1 only, with modest memory and merge threads. */
function usersConfig(password: string): string {
  return `<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>1000000000</max_memory_usage>
      <max_memory_usage_for_all_queries>1500000000</max_memory_usage_for_all_queries>
      <use_uncompressed_cache>0</use_uncompressed_cache>
      <background_pool_size>4</background_pool_size>
      <background_schedule_pool_size>4</background_schedule_pool_size>
    </default>
  </profiles>
  <users>
    <default>
      <password>${xml(password)}</password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default></default></quotas>
</yandex>
`;
}

/** The servers running: killed when this process exits, so that a test file that fails leaves none. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts the server on the config in `dir` and resolves once its HTTP interface answers /ping. */
async function launchClickHouse(command: string[], dir: string, httpUrl: string): Promise<ChildProcess> {
  const child = spawn(command[0]!, [...command.slice(1), `--config-file=${dir}/config.xml`], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const errors = () => {
    const log = path.join(dir, 'server.err.log');
    return `${output}${fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : ''}`;
  };
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`clickhouse-server exited (${exited}): ${errors()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`clickhouse-server did not answer within 30 s: ${errors()}`);
    }
    const ok = await send('GET', `${httpUrl}/ping`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function createDatabase(httpUrl: string, password: string, name = CLICKHOUSE_DATABASE): Promise<void> {
  const sql = `CREATE DATABASE IF NOT EXISTS ${name}`;
  const response = await send('POST', httpUrl, sql, `default:${password}`);
  if (response.status !== 200) throw new Error(`CREATE DATABASE failed: ${response.body}`);
}

/**
 * One request on a connection of its own, closed after it: a kept-alive socket to a server that
 * restart() then kills would fail the next request on it.
 */
function send(
  method: 'GET' | 'POST',
  url: string,
  body = '',
  auth?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent: false, auth }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Kills a server started by launchClickHouse and waits until it has exited (its ports are free then). */
async function killClickHouse(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
