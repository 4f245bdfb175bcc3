import { Redis } from 'ioredis';
import pino from 'pino';
import { GatewayError, WorkerRefused } from '../../crawlers/fleet/gateway-client.ts';
import { CrawlWorker } from '../../crawlers/fleet/worker.ts';
import { workerGateway } from '../fleet/worker-client.ts';
import { CliError, EXIT } from './output.ts';

/**
 * Runs a crawl worker until SIGINT or SIGTERM (it then finishes the stores in flight and sends their
 * results), or until the gateway refuses its key. Logs go to stderr as JSON lines (pino).
 */
export async function runCrawlWorker(o: {
  gateway: string;
  token: string;
  redis: string;
  concurrency: number;
  browserSlots: number;
}): Promise<void> {
  const logger = pino({ level: process.env.MARKETGATE_LOG_LEVEL || 'info' }, pino.destination(2));
  const redis = new Redis(o.redis, { maxRetriesPerRequest: null });
  let reported = false;
  redis.on('error', (error: Error) => {
    if (!reported) logger.warn({ err: error.message }, 'Redis is not answering; trying again');
    reported = true;
  });
  redis.on('ready', () => (reported = false));
  let worker: CrawlWorker;
  try {
    worker = await CrawlWorker.create({
      gateway: workerGateway(o.gateway, o.token),
      redis,
      concurrency: o.concurrency,
      browserSlots: o.browserSlots,
      chromiumPath: process.env.PUPPETEER_EXECUTABLE_PATH || undefined,
      logger,
    });
  } catch (error) {
    redis.disconnect();
    if (error instanceof WorkerRefused || error instanceof GatewayError)
      throw new CliError(error.message, EXIT.failure);
    throw error;
  }
  const stop = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    logger.info('stopping: finishing the stores in flight');
    void worker.stop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await worker.run();
  } catch (error) {
    if (error instanceof WorkerRefused) throw new CliError(error.message, EXIT.failure);
    throw error;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await worker.stop();
    await redis.quit().catch(() => redis.disconnect());
  }
}
