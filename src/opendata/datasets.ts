/**
 * From the records to the published rows: for each dataset of the dictionary, how a raw row of its
 * query (store.ts) becomes a row of its columns — natural persons masked as on the public pages,
 * free text scrubbed of personal data, times turned into China Standard Time days — and which changes
 * to a published row are corrections rather than the record moving on (changes.ts, the manifest).
 */
import type { Keyring } from '../keys/keyring.ts';
import { chinaDate } from '../lib/dates.ts';
import { maskPersonName } from '../lib/mask.ts';
import { scrubPersonalData } from '../lib/scrub.ts';
import { type Value, OpenDataError } from './columns.ts';
import { type DatasetInfo, DATASETS } from './dictionary.ts';

export interface Dataset {
  info: DatasetInfo;
  /** A raw row of the dataset's query → a row of its columns, in their order. */
  row(raw: readonly unknown[]): unknown[];
  /**
   * Whether a difference from the previous published day (`before` → `after`; `after` null: the row
   * is gone) corrects what that day published. Absent: the dataset's rows only move on.
   */
  corrects?(before: readonly Value[], after: readonly Value[] | null, previousDay: string): boolean;
  /** Why, in the manifest's corrections, when `corrects` found some. */
  correctionReason?: string;
}

type Raw = readonly unknown[];
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const day = (v: unknown) => (v === null || v === undefined ? null : chinaDate(String(v)));
const isPerson = (kind: unknown) => kind === 'natural_person';
/** The subject as the public pages show it: a natural person by a masked name and no code. */
const subject = (kind: unknown, name: unknown, uscc: unknown) =>
  isPerson(kind) ? [kind, maskPersonName(String(name)), null] : [kind, name, uscc];
/** Text to publish: personal data scrubbed, and a natural person's own name. */
const scrub = (v: unknown, names: readonly string[]) =>
  v === null || v === undefined ? null : scrubPersonalData(String(v), names);
/**
 * The names to scrub from a subject's texts: its own when it is a natural person, and the people the
 * records name for it (`people`: store.ts's PEOPLE, a JSON array).
 */
const namesOf = (kind: unknown, name: unknown, people: unknown) => [
  ...(isPerson(kind) ? [String(name)] : []),
  ...(typeof people === 'string' ? (JSON.parse(people) as unknown[]).map(String) : []),
];

/** The index of a column, by name, for the correction rules. */
function at(info: DatasetInfo, ...names: string[]): number[] {
  return names.map((name) => {
    const i = info.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new Error(`${info.name} has no column ${name}`);
    return i;
  });
}
const differ = (a: readonly Value[], b: readonly Value[], columns: number[]) =>
  columns.some((i) => a[i] !== b[i]);

function info(name: string): DatasetInfo {
  const found = DATASETS.find((d) => d.name === name);
  if (!found) throw new Error(`no dataset ${name} in the dictionary`);
  return found;
}

/** The datasets of a day, in the dictionary's order. `keys` opens what must be scrubbed by name. */
export function datasets(keys: Keyring): Dataset[] {
  const penalties = info('penalties');
  const penaltyFacts = at(penalties, 'authority', 'legal_basis', 'severity', 'sector', 'decided_on');
  const penaltyTexts = at(penalties, 'facts', 'penalty');
  const [penaltyWithdrawn] = at(penalties, 'withdrawn_on');
  const lists = info('list_entries');
  const listFacts = at(lists, 'list', 'reason', 'legal_basis', 'decision_number', 'entered_on');
  const [removalReason] = at(lists, 'removal_reason');
  const verificationStats = info('verification_statistics');
  const filingStats = info('platform_filing_statistics');
  const [filingMonth] = at(filingStats, 'month');
  const marks = info('trust_marks_revoked');

  const all: Dataset[] = [
    {
      info: penalties,
      row: ([
        number,
        kind,
        name,
        uscc,
        authority,
        facts,
        basis,
        penalty,
        severity,
        sector,
        decided,
        published,
        until,
        withdrawn,
        withdrawal,
        department,
        platform,
        people,
      ]: Raw) => {
        const names = namesOf(kind, name, people);
        return [
          number,
          ...subject(kind, name, uscc),
          authority,
          withdrawn ? null : scrub(facts, names),
          basis,
          withdrawn ? null : scrub(penalty, names),
          severity,
          sector,
          decided,
          day(published),
          until,
          day(withdrawn),
          scrub(withdrawal, names),
          department ? 'department' : 'regulator',
          platform,
        ];
      },
      // Withdrawing blanks the texts and ending the window removes the row: the record moving on.
      corrects: (before, after) =>
        after !== null &&
        (differ(before, after, penaltyFacts) ||
          (before[penaltyWithdrawn!] === after[penaltyWithdrawn!] && differ(before, after, penaltyTexts))),
      correctionReason: 'a published decision’s authority, basis, severity, sector, date or texts changed',
    },
    {
      info: lists,
      row: ([
        id,
        list,
        kind,
        name,
        uscc,
        reason,
        basis,
        decision,
        entered,
        ends,
        removed,
        removal,
        people,
      ]: Raw) => [
        id,
        list,
        ...subject(kind, name, uscc),
        scrub(reason, namesOf(kind, name, people)),
        basis,
        decision,
        entered,
        ends,
        day(removed),
        removal,
      ],
      corrects: (before, after) =>
        after === null ||
        differ(before, after, listFacts) ||
        (after[removalReason!] === 'error' && before[removalReason!] !== 'error'),
      correctionReason: 'an entry was found entered in error, or its published facts changed',
    },
    {
      info: info('store_verifications'),
      row: ([
        platform,
        seller,
        store,
        url,
        kind,
        name,
        uscc,
        verdict,
        reason,
        marksViolation,
        finished,
        id,
      ]: Raw) => [
        platform,
        seller,
        store,
        url,
        ...subject(kind, name, uscc),
        verdict,
        reason,
        marksViolation,
        day(finished),
        id,
      ],
    },
    {
      info: verificationStats,
      row: (raw: Raw) => [...raw],
      // The previous day counted every verification finished by its end: a day it covered changing
      // means verifications were recorded late.
      corrects: () => true,
      correctionReason: 'verifications of days already published were recorded late',
    },
    {
      info: info('complaint_statistics'),
      row: (raw: Raw) => [...raw],
    },
    {
      info: info('complaint_narratives'),
      row: ([
        id,
        month,
        platform,
        kind,
        store,
        name,
        uscc,
        category,
        outcome,
        narrative,
        consumer,
        people,
      ]: Raw) => {
        const person = isPerson(kind);
        const names = [keys.decrypt(consumer as Buffer), ...namesOf(kind, name, people)];
        return [
          id,
          month,
          platform,
          kind,
          person ? null : store,
          person ? null : name,
          person ? null : uscc,
          category,
          outcome,
          scrub(narrative, names),
        ];
      },
    },
    {
      info: marks,
      row: ([id, origin, platform, kind, name, uscc, issued, revoked, by, reason, people]: Raw) => [
        id,
        origin,
        platform,
        ...subject(kind, name, uscc),
        day(issued),
        day(revoked),
        revokedBy(text(by)),
        scrub(reason ?? '', namesOf(kind, name, people)),
      ],
      corrects: () => true,
      correctionReason: 'a published revocation changed',
    },
    {
      info: filingStats,
      row: (raw: Raw) => [...raw],
      // A month that ended before the previous day was counted whole by it.
      corrects: (before, _after, previousDay) => String(before[filingMonth!]) < previousDay.slice(0, 7),
      correctionReason: 'filings of months already published were counted again',
    },
  ];
  const missing = DATASETS.filter((d) => !all.some((s) => s.info === d));
  if (missing.length) throw new Error(`no rows for ${missing.map((d) => d.name).join(', ')}`);
  return all;
}

function revokedBy(by: string | null): string {
  if (by?.startsWith('regulator:')) return 'regulator';
  if (by?.startsWith('verification:')) return 'verification';
  return 'other';
}

/** Checks a row's cells against the allowed values of its columns: never publish an undocumented value. */
export function checkAllowedValues(info: DatasetInfo, row: readonly unknown[], rowNumber: number): void {
  info.columns.forEach((c, i) => {
    const v = row[i];
    if (c.values && v !== null && v !== undefined && !c.values.includes(String(v)))
      throw new OpenDataError(
        `${info.name} row ${rowNumber}, column ${c.name}: ${JSON.stringify(v)} is not one of its documented values`,
      );
  });
}
