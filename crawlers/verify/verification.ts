import type { EvidenceRef } from '../evidence.ts';
import type { MarkFinding } from '../marks/types.ts';
import type { FindingSource, InconclusiveReason, TrustMarkElement, Verdict } from '../types.ts';
import type { Comparison, FiledIdentity } from './judge.ts';

/** One request made for a verification: robots.txt, each page hop and try, the browser render. */
export interface Visit {
  kind: 'robots' | 'page' | 'browser' | 'picture';
  url: string;
  attempt: number;
  status: number | null;
  /** What went wrong, when the request failed. */
  error?: string;
  headers?: Record<string, string>;
  started_at: string;
  timings_ms: { headers?: number; total: number };
}

/**
 * One crawl of one store: the verdict, what was found, how it compares with the filing, and the
 * evidence. Snake case: this is the record the gateway stores and serves, and `marketgate verify
 * --json` prints.
 */
export interface Verification {
  url: string;
  final_url: string | null;
  status: number | null;
  verdict: Verdict;
  reason?: InconclusiveReason;
  detail: string;
  mode: 'static' | 'browser';
  found: {
    names: string[];
    usccs: { code: string; valid: boolean; source: FindingSource }[];
    registration_numbers: string[];
    license_links: { href: string; code?: string; id?: string }[];
    license_images: string[];
    hidden: { names: string[]; usccs: string[] };
  };
  comparison: Comparison;
  trust_marks: TrustMarkElement[];
  /** The recognised marks with what their issuers say; a non-genuine one makes marks_violation true. */
  marks: MarkFinding[];
  marks_violation: boolean;
  evidence: {
    raw?: EvidenceRef;
    rendered?: EvidenceRef;
    screenshot?: EvidenceRef;
    /** The licence picture the page shows, when its identity was shown only so (issue 17). */
    license_image?: EvidenceRef;
    /** What OCR read from it (crawlers/ocr LicenceReading, JSON). */
    ocr?: EvidenceRef;
  };
  truncated: boolean;
  retries: number;
  visits: Visit[];
  crawler: { name: string; version: string; user_agent: string };
  /** The fleet's worker that made it (issue 20); absent when the gateway crawled itself. */
  worker?: { name: string };
  browser?: { version: string };
  started_at: string;
  finished_at: string;
}

/** A store to verify: its address and the identity filed for it. */
export interface StoreTarget {
  url: string;
  filed: FiledIdentity;
}
