import os from 'node:os';
import type { RunningGateway } from '../http/server.ts';
import { EXIT } from './output.ts';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * How `serve` and `demo` end. The first SIGINT or SIGTERM starts the stop: `requested` resolves with its
 * deadline, MARKETGATE_SHUTDOWN_SECONDS later. Should the deadline pass before the stop is done, what it
 * still waits for is logged and the process exits with 1; a second signal exits at once, with 128 + the
 * signal's number (as a shell reports a process that a signal ended). It listens from before the gateway
 * starts, so that a signal during the start (the demo's seeding) stops what has started, rather than
 * ending the process with nothing closed (Node's default), and so that the browser pool leaves the
 * signals to the gateway (crawlers/browser/pool.ts).
 */
export class SignalShutdown {
  /** Resolves at the first signal with the stop's deadline (a Date.now() time). */
  readonly requested: Promise<number>;
  private running: RunningGateway | undefined;

  constructor(private readonly shutdownMs: number) {
    this.requested = new Promise((resolve) => {
      const first = () => {
        for (const signal of SIGNALS) {
          process.off(signal, first);
          process.on(signal, again);
        }
        setTimeout(() => this.overdue(), shutdownMs);
        resolve(Date.now() + shutdownMs);
      };
      for (const signal of SIGNALS) process.on(signal, first);
    });
  }

  /** The gateway whose stop is reported if it is overdue. */
  watch(running: RunningGateway): void {
    this.running = running;
  }

  /**
   * Runs the stop, then ends the process: with 0 once it is done, not when the last socket or timer of
   * the work it abandoned lets go; with 1 when it failed.
   */
  async end(stop: () => Promise<void>): Promise<never> {
    try {
      await stop();
    } catch (err) {
      this.log({ err }, 'the stop failed');
      process.exit(EXIT.failure);
    }
    process.exit(EXIT.ok);
  }

  private overdue(): void {
    const handles: Record<string, number> = {};
    for (const handle of process.getActiveResourcesInfo()) handles[handle] = (handles[handle] ?? 0) + 1;
    this.log(
      { still_running: this.running?.stillRunning() ?? [], handles },
      `not stopped within MARKETGATE_SHUTDOWN_SECONDS (${this.shutdownMs / 1000}); exiting all the same`,
    );
    process.exit(EXIT.failure);
  }

  private log(details: Record<string, unknown>, message: string): void {
    if (this.running) this.running.gateway.logger.error(details, message);
    else console.error(`marketgate: ${message}`);
  }
}

function again(signal: NodeJS.Signals): void {
  process.exit(128 + os.constants.signals[signal]);
}
