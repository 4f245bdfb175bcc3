/**
 * The fixture web in a process of its own, for the crawl benchmark: the crawler's measured process then
 * does only what a crawler does, as when the stores are on the internet. Started with fork(); sends the
 * benchmark stores once it listens and closes on 'close'.
 */
import { startFixtureWeb } from '../../fixtures/web/index.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof startFixtureWeb>[0];
const web = await startFixtureWeb(options);
process.send!({ bench: web.bench, origins: web.origins });
process.on('message', async (message) => {
  if (message !== 'close') return;
  await web.close();
  process.exit(0);
});
