import type { Command } from 'commander';
import { CliError, EXIT } from './output.ts';

function bounded(name: string, min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new CliError(`${name} must be ${min}-${max}, got "${value}"`, EXIT.usage);
    return n;
  };
}

function url(name: string, protocols: string[]) {
  return (value: string) => {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new CliError(`${name} must be a URL (${protocols.join(' or ')})`, EXIT.usage);
    }
    if (!protocols.includes(parsed.protocol))
      throw new CliError(`${name} must be a ${protocols.join(' or ')} URL`, EXIT.usage);
    return value;
  };
}

interface WorkerFlags {
  gateway: string;
  token?: string;
  redis: string;
  concurrency: number;
  browserSlots: number;
}

/** `marketgate crawl-worker`: one machine of the crawler fleet (issue 20, crawlers/fleet/worker.ts). */
export function crawlWorkerCommands(program: Command): void {
  program
    .command('crawl-worker')
    .description(
      "visit stores of the gateway's crawls from the fleet's Redis queue, and send their verifications and evidence to the gateway (runs on any machine; never touches the database)",
    )
    .requiredOption(
      '--gateway <url>',
      "the gateway's address, e.g. https://gateway.example",
      url('--gateway', ['http:', 'https:']),
    )
    .option(
      '--token <token>',
      'the worker key from `marketgate worker add <name>` (or MARKETGATE_WORKER_TOKEN, which keeps it out of the process list)',
    )
    .requiredOption(
      '--redis <url>',
      "the fleet's Redis, the gateway's MARKETGATE_REDIS_URL",
      url('--redis', ['redis:', 'rediss:']),
    )
    .option(
      '--concurrency <n>',
      'stores this worker visits at once (1-1000)',
      bounded('--concurrency', 1, 1000),
      32,
    )
    .option(
      '--browser-slots <n>',
      'pages its Chromium renders at once (0-64; 0: no browser, script-built pages come out inconclusive)',
      bounded('--browser-slots', 0, 64),
      2,
    )
    .action(async (o: WorkerFlags) => {
      const token = o.token ?? process.env.MARKETGATE_WORKER_TOKEN;
      if (!token) throw new CliError('--token (or MARKETGATE_WORKER_TOKEN) is required', EXIT.usage);
      const { runCrawlWorker } = await import('./crawl-worker-run.ts');
      await runCrawlWorker({ ...o, token });
    });
}
