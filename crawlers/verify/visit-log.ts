import type { MarkFinding } from '../marks/types.ts';
import type { Findings, InconclusiveReason } from '../types.ts';
import { CRAWLER_NAME, CRAWLER_VERSION } from '../version.ts';
import type { Judgement } from './judge.ts';
import type { StoreTarget, Verification, Visit } from './verification.ts';

/** What one verification gathers as it goes, turned into the Verification at the end. */
export class VisitLog {
  readonly visits: Visit[] = [];
  readonly evidence: Verification['evidence'] = {};
  readonly startedAt = new Date().toISOString();
  retries = 0;
  marks: MarkFinding[] = [];
  mode: Verification['mode'] = 'static';
  finalUrl: string | null = null;
  status: number | null = null;
  truncated = false;
  browserVersion: string | undefined;

  constructor(
    private readonly target: StoreTarget,
    private readonly userAgent: string,
  ) {}

  add(visit: Visit): void {
    this.visits.push(visit);
  }

  inconclusive(reason: InconclusiveReason, detail: string, status: number | null): Verification {
    this.status = status ?? this.status;
    return this.build(null, {
      verdict: 'inconclusive',
      reason,
      detail,
      comparison: {
        name: this.target.filed.name ? 'absent' : 'not_filed',
        uscc: this.target.filed.uscc ? 'absent' : 'not_filed',
        filed: this.target.filed,
        shown: { name: null, uscc: null },
      },
    });
  }

  judged(findings: Findings, judgement: Judgement): Verification {
    return this.build(findings, judgement);
  }

  private build(findings: Findings | null, judgement: Judgement): Verification {
    const visible = <T extends { hidden: boolean }>(items: T[] | undefined) =>
      (items ?? []).filter((item) => !item.hidden);
    const hidden = <T extends { hidden: boolean }>(items: T[] | undefined) =>
      (items ?? []).filter((item) => item.hidden);
    return {
      url: this.target.url,
      final_url: this.finalUrl,
      status: this.status,
      verdict: judgement.verdict,
      ...(judgement.reason ? { reason: judgement.reason } : {}),
      detail: judgement.detail,
      mode: this.mode,
      found: {
        names: unique(visible(findings?.names).map((name) => name.text)),
        usccs: visible(findings?.codes).map(({ code, valid, source }) => ({ code, valid, source })),
        registration_numbers: unique(
          visible(findings?.registrationNumbers).map((candidate) => candidate.number),
        ),
        license_links: visible(findings?.licenseLinks).map(({ href, code, id }) => ({
          href,
          ...(code ? { code } : {}),
          ...(id ? { id } : {}),
        })),
        license_images: (findings?.licenseImages ?? []).map((image) => image.src),
        hidden: {
          names: unique(hidden(findings?.names).map((name) => name.text)),
          usccs: unique(hidden(findings?.codes).map((code) => code.code)),
        },
      },
      comparison: judgement.comparison,
      trust_marks: findings?.trustMarks ?? [],
      marks: this.marks,
      marks_violation: this.marks.some(
        (mark) => mark.verdict !== 'genuine' && mark.verdict !== 'inconclusive',
      ),
      evidence: this.evidence,
      truncated: this.truncated,
      retries: this.retries,
      visits: this.visits,
      crawler: { name: CRAWLER_NAME, version: CRAWLER_VERSION, user_agent: this.userAgent },
      ...(this.browserVersion ? { browser: { version: this.browserVersion } } : {}),
      started_at: this.startedAt,
      finished_at: new Date().toISOString(),
    };
  }
}

const unique = (values: string[]) => [...new Set(values)];
