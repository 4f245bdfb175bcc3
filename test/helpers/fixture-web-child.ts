/**
 * The fixture web in a process of its own (fixture-web-process.ts starts it): the arrival times it
 * records are then not delayed by whatever the test process is busy with (a gateway, polling).
 */
import { startFixtureWeb } from '../../fixtures/web/index.ts';
import type { FixtureWebOptions } from '../../fixtures/web/index.ts';

type Message = { id: number; kind: 'requests' | 'reset' | 'close' };

const web = await startFixtureWeb(JSON.parse(process.argv[2] ?? '{}') as FixtureWebOptions);
const send = (message: unknown) => process.send!(message);
send({
  kind: 'ready',
  origins: web.origins,
  cases: web.cases,
  bench: web.bench,
  markIssuers: web.markIssuers,
});
process.on('message', (message: Message) => {
  if (message.kind === 'requests') send({ id: message.id, requests: web.requests });
  else if (message.kind === 'reset') {
    web.reset();
    send({ id: message.id });
  } else if (message.kind === 'close') {
    void web.close().then(() => {
      send({ id: message.id });
      process.exit(0);
    });
  }
});
// The test process is gone: so is its fixture web.
process.on('disconnect', () => process.exit(0));
