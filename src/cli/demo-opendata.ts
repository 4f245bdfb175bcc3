import type { RunningGateway } from '../http/server.ts';
import { chinaToday } from '../lib/dates.ts';
import { buildOpenDataDay, buildPreviousDayIfDue, endOfChinaDay } from '../opendata/build.ts';
import { isPublished } from '../opendata/day.ts';
import { openDataDirOf } from '../opendata/paths.ts';

/**
 * The demo's open data, once its crawl is done (so that the verifications are in it): yesterday's day,
 * as the server publishes each day after midnight, then today's early, as if the day had ended, so that
 * the demo shows files with its records in them (a gateway never publishes a day before it ends; the
 * demo's next day will carry what happens after this). Returns what to print, or null when both days
 * were published by an earlier run.
 */
export async function publishDemoOpenData(running: RunningGateway): Promise<string | null> {
  const { gateway, url } = running;
  await gateway.crawls.idle();
  const source = { dataDir: gateway.config.dataDir, keys: gateway.keys };
  const today = chinaToday();
  const openDataDir = openDataDirOf(source.dataDir);
  if (isPublished(openDataDir, today)) return null;
  await buildPreviousDayIfDue(source);
  const { manifest } = await buildOpenDataDay(source, today, {
    now: new Date(Date.parse(endOfChinaDay(today)) + 1000),
  });
  const rows = manifest.files.filter((f) => f.kind === 'full' && f.format === 'csv.gz');
  return `open data:       ${today} published early for the demo (${rows.map((f) => `${f.dataset} ${f.rows}`).join(', ')}): ${url}/open-data, ${url}/open-data/catalog.json`;
}
