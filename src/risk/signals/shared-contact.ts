import type { RiskContext } from '../context.ts';
import { type Finding, capped } from '../finding.ts';
import { RULES, clampScore } from '../rules.ts';

const RULE = RULES.shared_contact;

export type ContactAttribute = 'phone' | 'address' | 'legal_representative';
const COLUMN: Record<ContactAttribute, string> = {
  phone: 'phone_hash',
  address: 'address_hash',
  legal_representative: 'representative_hash',
};
const WORDS: Record<ContactAttribute, string> = {
  phone: 'phone number',
  address: 'address',
  legal_representative: 'legal representative',
};
const BASE: Record<ContactAttribute, number> = { phone: 50, address: 40, legal_representative: 45 };

/** One shared value: the subjects behind it and their stores (the value itself is never kept here). */
export interface SharedGroup {
  attribute: ContactAttribute;
  subjects: string[];
  sellers: string[];
}

/** How many subjects one value may be shared by before it is a warning, per attribute. */
export function minSubjects(attribute: ContactAttribute): number {
  return RULE.minSubjects[attribute];
}

/** The most subjects a legal representative's name may have and still mean something (common names do not). */
export function commonNameLimit(subjects: number): number {
  return Math.max(RULE.commonName.subjects, Math.floor(RULE.commonName.share * subjects));
}

/** Per subject, the groups it is in: one finding each (pure). */
export function sharedContactFindings(groups: readonly SharedGroup[]): Finding[] {
  const bySubject = new Map<string, SharedGroup[]>();
  for (const g of groups) {
    for (const s of g.subjects) {
      const mine = bySubject.get(s);
      if (mine) mine.push(g);
      else bySubject.set(s, [g]);
    }
  }
  const findings: Finding[] = [];
  for (const [subjectId, mine] of bySubject) {
    const others = new Set(mine.flatMap((g) => g.subjects).filter((s) => s !== subjectId));
    const sellers = new Set(mine.flatMap((g) => g.sellers));
    let score = 0;
    const found: Record<string, number> = {};
    for (const g of mine) {
      const s = BASE[g.attribute] + 8 * (g.subjects.length - minSubjects(g.attribute));
      score = Math.max(score, s);
      found[`subjects_sharing_${g.attribute}`] = Math.max(
        found[`subjects_sharing_${g.attribute}`] ?? 0,
        g.subjects.length,
      );
    }
    score += 15 * (new Set(mine.map((g) => g.attribute)).size - 1);
    const parts = mine.map(
      (g) =>
        `one ${WORDS[g.attribute]} with ${g.subjects.length - 1} other subject${g.subjects.length === 2 ? '' : 's'} (${g.subjects.length} in all)`,
    );
    findings.push({
      signal: 'shared_contact',
      version: RULE.version,
      target: { kind: 'subject', subject_id: subjectId },
      subject_id: subjectId,
      score: clampScore(score),
      explanation: {
        text: `This subject shares ${parts.join(', and ')}. The rule warns from ${RULE.minSubjects.phone} subjects on one phone number, ${RULE.minSubjects.address} on one address, ${RULE.minSubjects.legal_representative} on one legal representative whose name is not common. The values are compared by keyed hash and never shown.`,
        rule: RULE.version,
        threshold: { ...RULE.minSubjects, common_name_subjects: RULE.commonName.subjects },
        found: { ...found, other_subjects: others.size },
        comparison: 'every subject filed by any platform',
      },
      evidence: { subjects: capped([...others]), sellers: capped([...sellers]) },
    });
  }
  return findings;
}

export function sharedContact(ctx: RiskContext): Finding[] {
  const subjects =
    ctx.db.prepare<[], { n: number }>('SELECT count(DISTINCT subject_id) AS n FROM risk_sellers').get()?.n ??
    0;
  const groups: SharedGroup[] = [];
  for (const attribute of Object.keys(COLUMN) as ContactAttribute[]) {
    const column = COLUMN[attribute];
    const max = attribute === 'legal_representative' ? commonNameLimit(subjects) : RULE.maxSubjects;
    const values = ctx.db
      .prepare<[number, number], { value: Buffer }>(
        `SELECT ${column} AS value FROM risk_sellers WHERE ${column} IS NOT NULL
         GROUP BY ${column} HAVING count(DISTINCT subject_id) BETWEEN ? AND ?`,
      )
      .all(minSubjects(attribute), max);
    const members = ctx.db.prepare<[Buffer], { subject_id: string; platform_id: number; seller_id: string }>(
      `SELECT subject_id, platform_id, seller_id FROM risk_sellers WHERE ${column} = ? ORDER BY subject_id, platform_id, seller_id`,
    );
    for (const { value } of values) {
      const rows = members.all(value);
      groups.push({
        attribute,
        subjects: [...new Set(rows.map((r) => r.subject_id))],
        sellers: rows.map((r) => `${ctx.platforms.get(r.platform_id) ?? r.platform_id}/${r.seller_id}`),
      });
    }
  }
  return sharedContactFindings(groups);
}
