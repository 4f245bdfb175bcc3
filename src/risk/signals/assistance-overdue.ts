import { type RiskContext, daysBefore } from '../context.ts';
import { type Finding, EVIDENCE_CAP, capped } from '../finding.ts';
import { RULES } from '../rules.ts';
import { chinaToday } from '../../lib/dates.ts';

const RULE = RULES.assistance_overdue;

/** A platform's record of answering regulators' assistance requests (src/assistance/, migration 019). */
export interface PlatformAssistance {
  platform_id: number;
  slug: string;
  /** Open requests past their due date now. */
  overdue: number;
  /** The earliest due date among them. */
  oldest_due: string | null;
  /** Requests completed after their due date, due within the look-back. */
  late: number;
  /** The requests behind both counts, earliest due first (at most EVIDENCE_CAP). */
  request_ids: string[];
  /** Its sellers whose records they asked for, as `<platform>/<seller id>`. */
  sellers: string[];
}

/**
 * A platform that leaves a regulator's request for records unanswered past its due date, or answered
 * late (pure). Like filing_gap's platform rule, it is about the platform's own duty, not its sellers':
 * target the platform, `subject_id` null.
 */
export function platformAssistanceGap(p: PlatformAssistance, now: Date): Finding | null {
  if (p.overdue + p.late === 0) return null;
  const score = Math.min(RULE.maxScore, RULE.base + RULE.perOverdue * p.overdue + RULE.perLate * p.late);
  const parts = [
    p.overdue > 0
      ? `${p.overdue} assistance request${p.overdue === 1 ? ' is' : 's are'} open past the due date (the earliest due ${p.oldest_due})`
      : null,
    p.late > 0
      ? `${p.late} request${p.late === 1 ? ' was' : 's were'} answered after the due date in the last ${RULE.lookBackDays} days`
      : null,
  ].filter(Boolean);
  return {
    signal: 'assistance_overdue',
    version: RULE.version,
    target: { kind: 'platform', platform_id: p.platform_id },
    subject_id: null,
    score,
    explanation: {
      text:
        `Platform ${p.slug}: ${parts.join('; ')}. A platform must provide the records a regulator asks for ` +
        `in an investigation by the date it is given (Measures for the Supervision and Administration of ` +
        `Online Transactions, 2021); due dates count working days and end at midnight China Standard Time.`,
      rule: RULE.version,
      threshold: { overdue_or_late_requests: 1, look_back_days: RULE.lookBackDays },
      found: {
        overdue_requests: p.overdue,
        late_answers: p.late,
        oldest_due: p.oldest_due ?? 'none',
        requests: p.request_ids.join(' '),
        as_of: chinaToday(now),
      },
      comparison: null,
    },
    evidence: p.sellers.length ? { sellers: capped(p.sellers) } : {},
  };
}

export function assistanceOverdue(ctx: RiskContext): Finding[] {
  const today = chinaToday(ctx.now);
  const since = chinaToday(daysBefore(ctx.now, RULE.lookBackDays));
  // Which requests count against a platform: open past due, or completed late and due within the look-back.
  const counting = `r.platform_id = p.id AND ((r.status = 'open' AND r.due_date < @today)
       OR (r.status = 'answered' AND r.answered_late = 1 AND r.due_date >= @since))`;
  const platforms = ctx.db
    .prepare<[{ today: string; since: string }], Omit<PlatformAssistance, 'request_ids' | 'sellers'>>(
      `SELECT p.id AS platform_id, p.slug,
              (SELECT count(*) FROM assistance_requests r WHERE r.platform_id = p.id AND r.status = 'open' AND r.due_date < @today) AS overdue,
              (SELECT min(r.due_date) FROM assistance_requests r WHERE r.platform_id = p.id AND r.status = 'open' AND r.due_date < @today) AS oldest_due,
              (SELECT count(*) FROM assistance_requests r WHERE r.platform_id = p.id AND r.status = 'answered' AND r.answered_late = 1 AND r.due_date >= @since) AS late
       FROM platforms p WHERE p.kind = 'platform' ORDER BY p.id`,
    )
    .all({ today, since });
  const requests = ctx.db.prepare<
    [{ platform: number; today: string; since: string }],
    { id: string; seller_id: string }
  >(
    `SELECT r.id, r.seller_id FROM assistance_requests r, platforms p
     WHERE p.id = @platform AND ${counting} ORDER BY r.due_date, r.id LIMIT ${EVIDENCE_CAP}`,
  );
  const findings: Finding[] = [];
  for (const p of platforms) {
    if (p.overdue + p.late === 0) continue;
    const rows = requests.all({ platform: p.platform_id, today, since });
    const f = platformAssistanceGap(
      {
        ...p,
        request_ids: rows.map((r) => r.id),
        sellers: [...new Set(rows.map((r) => `${p.slug}/${r.seller_id}`))],
      },
      ctx.now,
    );
    if (f) findings.push(f);
  }
  return findings;
}
