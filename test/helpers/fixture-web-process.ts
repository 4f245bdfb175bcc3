import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixtureCase, FixtureRequest, FixtureWeb, FixtureWebOptions } from '../../fixtures/web/index.ts';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixture-web-child.ts');

/** The fixture web run in another process; its requests are fetched when asked for. */
export type FixtureWebProcess = Pick<FixtureWeb, 'origins' | 'cases' | 'bench' | 'markIssuers'> & {
  requests(): Promise<FixtureRequest[]>;
  reset(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Starts the fixture web in a child process (fixture-web-child.ts). For tests whose other work would
 * delay the time stamps the fixture web takes (the fleet's: a gateway, workers and Redis on two cores).
 * The stamps are performance.now() of the child: compare them with each other only.
 */
export function startFixtureWebProcess(options: FixtureWebOptions = {}): Promise<FixtureWebProcess> {
  const child: ChildProcess = fork(CHILD, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, (message: any) => void>();
  const ask = <T>(kind: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, resolve);
      child.send({ id, kind }, (error) => error && reject(error));
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fixture web process exited (${code})`)));
    child.on('message', (message: any) => {
      if (message.kind === 'ready') {
        resolve({
          origins: message.origins,
          cases: message.cases as FixtureCase[],
          bench: message.bench as FixtureCase[],
          markIssuers: message.markIssuers,
          requests: async () => (await ask<{ requests: FixtureRequest[] }>('requests')).requests,
          reset: async () => void (await ask('reset')),
          async close() {
            if (child.exitCode !== null) return;
            const exited = new Promise((done) => child.once('exit', done));
            await ask('close').catch(() => {});
            await exited;
          },
        });
        return;
      }
      const done = waiting.get(message.id);
      waiting.delete(message.id);
      done?.(message);
    });
  });
}
