import type { Verification } from './verification.ts';

export interface CrawlTally {
  visits: number;
  verdicts: Record<string, number>;
  reasons: Record<string, number>;
  statuses: Record<string, number>;
  retries: number;
  browser: number;
}

const emptyTally = (): CrawlTally => ({
  visits: 0,
  verdicts: {},
  reasons: {},
  statuses: {},
  retries: 0,
  browser: 0,
});
const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

/** Visits by verdict and reason, an HTTP status histogram and retries: per host and overall. */
export class CrawlStats {
  readonly overall = emptyTally();
  readonly hosts = new Map<string, CrawlTally>();

  record(verification: Verification): void {
    let host: string;
    try {
      host = new URL(verification.url).host;
    } catch {
      host = '(invalid url)';
    }
    if (!this.hosts.has(host)) this.hosts.set(host, emptyTally());
    for (const tally of [this.overall, this.hosts.get(host)!]) {
      tally.visits += 1;
      bump(tally.verdicts, verification.verdict);
      if (verification.reason) bump(tally.reasons, verification.reason);
      for (const visit of verification.visits)
        bump(tally.statuses, visit.status === null ? 'error' : String(visit.status));
      tally.retries += verification.retries;
      if (verification.mode === 'browser') tally.browser += 1;
    }
  }

  toJSON(): { overall: CrawlTally; hosts: Record<string, CrawlTally> } {
    return { overall: this.overall, hosts: Object.fromEntries(this.hosts) };
  }
}
