import { chinaToday } from '../../lib/dates.ts';
import type { RiskContext } from '../context.ts';
import { type Finding, capped } from '../finding.ts';
import { nameSimilarity } from '../names.ts';
import { RULES, clampScore } from '../rules.ts';

const RULE = RULES.relisted_offender;

export type LinkAttribute = keyof typeof RULE.m;
const ATTRIBUTES = Object.keys(RULE.m) as LinkAttribute[];

/** One store's identity attributes as compared (hashes as hex; names and URLs as filed). */
export interface LinkRecord {
  subject_id: string;
  platform_id: number;
  seller_id: string;
  legal_name: string;
  name_core: string;
  store_url: string;
  phone: string | null;
  address: string | null;
  legal_representative: string | null;
}

/** How the two records compare on one attribute, and what that weighs. */
export interface AttributeWeight {
  attribute: LinkAttribute;
  agrees: boolean;
  /** The chance agreement: the share of subjects holding the value. */
  u: number;
  weight: number;
}

export const linkThreshold = (subjects: number) =>
  Math.log2(Math.max(2, subjects)) - RULE.thresholdBelowLog2Subjects;

function valueOf(r: LinkRecord, a: LinkAttribute): string | null {
  if (a === 'name') return r.name_core;
  if (a === 'store_url') return r.store_url;
  return r[a];
}

/**
 * Fellegi-Sunter weights of a pair (pure): log2(m/u) for an attribute that agrees, log2((1-m)/(1-u)) for
 * one that disagrees, nothing where either record lacks it. `holders(a, value)` is how many subjects hold
 * the value (the offender's own, for u); `subjects` how many there are in all.
 */
export function pairWeights(
  offender: LinkRecord,
  candidate: LinkRecord,
  holders: (a: LinkAttribute, value: string) => number,
  subjects: number,
): AttributeWeight[] {
  const out: AttributeWeight[] = [];
  for (const attribute of ATTRIBUTES) {
    const mine = valueOf(offender, attribute);
    const theirs = valueOf(candidate, attribute);
    if (!mine || !theirs) continue;
    const agrees =
      attribute === 'name'
        ? // The cores are compared, not the legal names: 商贸有限公司 alone makes any two names look alike.
          mine === theirs || nameSimilarity(mine, theirs) >= RULE.nameSimilarity
        : mine === theirs;
    const m = RULE.m[attribute];
    const u = Math.min(0.5, Math.max(1, holders(attribute, mine)) / Math.max(2, subjects));
    out.push({ attribute, agrees, u, weight: agrees ? Math.log2(m / u) : Math.log2((1 - m) / (1 - u)) });
  }
  return out;
}

export interface Offence {
  subject_id: string;
  kind: 'serious_list' | 'abnormal_list' | 'penalty';
  id: string;
  on: string;
}

export interface Link {
  offence: Offence;
  offender: LinkRecord;
  candidate: LinkRecord;
  weights: AttributeWeight[];
  total: number;
}

const OFFENCE_WORDS = {
  serious_list: 'on the serious-dishonesty list',
  abnormal_list: 'on the abnormal list',
  penalty: 'with a published penalty',
};

/** The finding for one new subject from its best link (pure). */
export function relistedFinding(
  best: Link,
  links: number,
  threshold: number,
  sellerRef: (r: LinkRecord) => string,
): Finding {
  const agreeing = best.weights.filter((w) => w.agrees);
  const { candidate, offender, offence } = best;
  return {
    signal: 'relisted_offender',
    version: RULE.version,
    target: { kind: 'subject', subject_id: candidate.subject_id },
    subject_id: candidate.subject_id,
    score: clampScore(55 + 2.5 * (best.total - threshold)),
    explanation: {
      text:
        `This subject's store ${sellerRef(candidate)} matches ${sellerRef(offender)} of subject ${offender.subject_id}, ` +
        `${OFFENCE_WORDS[offence.kind]} since ${offence.on}, on ${agreeing.map((w) => w.attribute.replace('_', ' ')).join(', ')}: ` +
        `a Fellegi-Sunter weight of ${best.total.toFixed(1)} against a threshold of ${threshold.toFixed(1)}.`,
      rule: RULE.version,
      threshold: { weight: Number(threshold.toFixed(2)) },
      found: {
        weight: Number(best.total.toFixed(2)),
        matched: agreeing.map((w) => w.attribute).join(', '),
        ...Object.fromEntries(
          best.weights.map((w) => [`weight_${w.attribute}`, Number(w.weight.toFixed(2))]),
        ),
        offender: offender.subject_id,
        offence: `${offence.kind} ${offence.id}`,
        links,
      },
      comparison: 'every subject filed by any platform (u: the share holding the value)',
    },
    evidence: {
      subjects: capped([offender.subject_id]),
      sellers: capped([sellerRef(candidate), sellerRef(offender)]),
    },
  };
}

const hex = (b: Buffer | null) => (b ? b.toString('hex') : null);

export function relistedOffender(ctx: RiskContext): Finding[] {
  const today = chinaToday(ctx.now);
  const offences = ctx.db
    .prepare<[string], Offence>(
      `SELECT subject_id, CASE list WHEN 'serious' THEN 'serious_list' ELSE 'abnormal_list' END AS kind, id, entered_on AS "on"
       FROM list_entries WHERE removed_at IS NULL
       UNION ALL
       SELECT subject_id, 'penalty', id, decided_on FROM penalties
       WHERE published_at IS NOT NULL AND withdrawn_at IS NULL AND repaired_at IS NULL
         AND (public_until IS NULL OR public_until >= ?)`,
    )
    .all(today);
  if (offences.length === 0) return [];
  type Row = Omit<LinkRecord, 'phone' | 'address' | 'legal_representative'> & {
    phone_hash: Buffer | null;
    address_hash: Buffer | null;
    representative_hash: Buffer | null;
  };
  const columns = `r.subject_id, r.platform_id, r.seller_id, s.legal_name, r.name_core, r.store_url, r.phone_hash, r.address_hash, r.representative_hash`;
  const from = 'risk_sellers r JOIN sellers s ON s.platform_id = r.platform_id AND s.seller_id = r.seller_id';
  const toRecord = (r: Row): LinkRecord => ({
    subject_id: r.subject_id,
    platform_id: r.platform_id,
    seller_id: r.seller_id,
    legal_name: r.legal_name,
    name_core: r.name_core,
    store_url: r.store_url,
    phone: hex(r.phone_hash),
    address: hex(r.address_hash),
    legal_representative: hex(r.representative_hash),
  });
  const ofSubject = ctx.db.prepare<[string], Row>(`SELECT ${columns} FROM ${from} WHERE r.subject_id = ?`);
  // Blocking: only records sharing at least one exact key with the offender's are compared at all.
  // One column per attribute: the block of records sharing a value, and how many subjects hold it (u).
  const COLUMNS: Record<LinkAttribute, string> = {
    phone: 'phone_hash',
    address: 'address_hash',
    legal_representative: 'representative_hash',
    name: 'name_core',
    store_url: 'store_url',
  };
  const per = <T>(make: (column: string) => T) =>
    Object.fromEntries(ATTRIBUTES.map((a) => [a, make(COLUMNS[a])])) as Record<LinkAttribute, T>;
  const blocks = per((column) =>
    ctx.db.prepare<[unknown], Row>(`SELECT ${columns} FROM ${from} WHERE r.${column} = ?`),
  );
  const counts = per((column) =>
    ctx.db.prepare<[unknown], { n: number }>(
      `SELECT count(DISTINCT subject_id) AS n FROM risk_sellers WHERE ${column} = ?`,
    ),
  );
  const subjects =
    ctx.db.prepare<[], { n: number }>('SELECT count(DISTINCT subject_id) AS n FROM risk_sellers').get()?.n ??
    0;
  const threshold = linkThreshold(subjects);
  const holderCache = new Map<string, number>();
  const holders = (a: LinkAttribute, value: string) => {
    const key = `${a}\u0000${value}`;
    let n = holderCache.get(key);
    if (n === undefined) {
      const arg = a === 'name' || a === 'store_url' ? value : Buffer.from(value, 'hex');
      n = counts[a].get(arg)?.n ?? 0;
      holderCache.set(key, n);
    }
    return n;
  };
  const best = new Map<string, { link: Link; links: number }>();
  const offenders = new Set(offences.map((o) => o.subject_id));
  const seenOffender = new Set<string>();
  for (const offence of offences) {
    if (seenOffender.has(offence.subject_id)) continue;
    seenOffender.add(offence.subject_id);
    for (const own of ofSubject.all(offence.subject_id).map(toRecord)) {
      const candidates = new Map<string, LinkRecord>();
      const add = (rows: Row[]) => {
        for (const r of rows) {
          if (r.subject_id === offence.subject_id) continue;
          candidates.set(`${r.platform_id}/${r.seller_id}`, toRecord(r));
        }
      };
      if (own.phone) add(blocks.phone.all(Buffer.from(own.phone, 'hex')));
      if (own.address) add(blocks.address.all(Buffer.from(own.address, 'hex')));
      if (own.legal_representative)
        add(blocks.legal_representative.all(Buffer.from(own.legal_representative, 'hex')));
      add(blocks.name.all(own.name_core));
      add(blocks.store_url.all(own.store_url));
      for (const candidate of candidates.values()) {
        const weights = pairWeights(own, candidate, holders, subjects);
        const total = weights.reduce((n, w) => n + w.weight, 0);
        // One coincidence is never enough, however rare the value: at least two attributes agree.
        if (total < threshold || weights.filter((w) => w.agrees).length < RULE.minAgreeing) continue;
        const link: Link = { offence, offender: own, candidate, weights, total };
        const kept = best.get(candidate.subject_id);
        if (!kept) best.set(candidate.subject_id, { link, links: 1 });
        else {
          kept.links++;
          if (total > kept.link.total) kept.link = link;
        }
      }
    }
  }
  const ref = (r: LinkRecord) => `${ctx.platforms.get(r.platform_id) ?? r.platform_id}/${r.seller_id}`;
  return [...best.values()].map(({ link, links }) => {
    const f = relistedFinding(link, links, threshold, ref);
    // Another offender can be the match of an offender: said, not hidden.
    if (offenders.has(link.candidate.subject_id)) f.explanation.found.candidate_is_offender = 'yes';
    return f;
  });
}
