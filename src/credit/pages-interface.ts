/** What the gateway's kept public credit pages offer (credit/pages.ts builds them; decision 0011). */
export interface CreditPagesStats {
  /** Requests served from a kept page. */
  hits: number;
  /** Pages built from the records (requests and fills). */
  builds: number;
}

export interface CreditPages {
  stats: CreditPagesStats;
  /** The public page's JSON at `now`: from the kept page, or built (throws not_found) and kept. */
  json(subjectId: string, now?: Date): string;
  /** Builds and keeps every page that is missing or out of date (`marketgate credit pages`). */
  fillAll(now?: Date): number;
  /** Writes the waiting pages now (tests, shutdown); false when the database was busy. */
  flush(): boolean;
  /** Pages waiting to be written. */
  pendingCount(): number;
  close(): void;
}
