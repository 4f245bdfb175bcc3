import type { Child } from 'hono/jsx';
import { chinaDate, chinaMinute } from '../lib/dates.ts';
import type { MarkFinding } from '../../crawlers/marks/types.ts';
import { type Lang, type Translate, severityTerm, term } from './i18n.ts';

/**
 * The pieces every page is made of: one way to show a time, one way to show a status, one table.
 * Pages never format a time or a closed-list value themselves.
 */

const ZONE: Record<Lang, string> = { zh: '北京时间', en: 'CST' };
const ZONE_TITLE: Record<Lang, string> = { zh: '北京时间（UTC+8）', en: 'China Standard Time (UTC+8)' };

/**
 * An instant as China Standard Time with its zone (`2026-11-20 15:24 CST`), or its date there alone
 * (`date`); the instant itself stays in `datetime` for machines. A calendar date (YYYY-MM-DD, such as a
 * decision's date) is shown as it is: it has no time to convert.
 */
export const When = ({ lang, iso, date }: { lang: Lang; iso: string | null | undefined; date?: boolean }) => {
  if (!iso) return <>—</>;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return <time datetime={iso}>{iso}</time>;
  return date ? (
    <time datetime={iso} title={ZONE_TITLE[lang]}>
      {chinaDate(iso)}
    </time>
  ) : (
    <time datetime={iso} title={ZONE_TITLE[lang]}>{`${chinaMinute(iso)} ${ZONE[lang]}`}</time>
  );
};

/** The CSS class a status value is shown with: verdicts and severities have colours. */
function statusClass(value: string): string | undefined {
  if (value === 'compliant' || value === 'mark_verdict.genuine') return 'verdict-compliant';
  if (value === 'mark_verdict.inconclusive') return 'verdict-inconclusive';
  if (value === 'identity_missing' || value === 'identity_mismatch' || value.startsWith('mark_verdict.'))
    return 'verdict-identity_missing';
  if (value === 'inconclusive') return 'verdict-inconclusive';
  return undefined;
}

/**
 * A value of a closed list in the reader's language, coloured when it is a verdict. `prefix` names the list
 * where one word means different things in two lists (`assistance_status.` + `open`).
 */
export const Status = ({
  lang,
  value,
  prefix,
}: {
  lang: Lang;
  value: string | null | undefined;
  prefix?: string;
}) => {
  if (value === null || value === undefined) return <>—</>;
  const key = prefix ? `${prefix}${value}` : value;
  const cls = statusClass(key);
  const text = term(lang, key);
  return cls ? <span class={cls}>{text}</span> : <>{text}</>;
};

/** A severity (minor, moderate, serious; a warning's low, medium, high) as a coloured label. */
export const Severity = ({ lang, value }: { lang: Lang; value: string }) => (
  <span class={`sev sev-${value}`}>{severityTerm(lang, value)}</span>
);

/** One column of a DataTable: its heading and what each row shows in it. */
export interface Column<R> {
  head: Child;
  cell: (row: R) => Child;
  /** Numbers are right-aligned; times and codes do not wrap. */
  align?: 'num' | 'nowrap';
  /** The column that names each row (a `<th>`), as in a table of filed against found. */
  rowHead?: boolean;
}

/** Columns a table shows only sometimes: the console's own, or a value only some rows have. */
export const columnsIf = <R,>(shown: boolean, ...columns: Column<R>[]): Column<R>[] => (shown ? columns : []);

/**
 * The one table of the site: headings, a row per item, and `empty` (muted) where there is none.
 * `rowData` gives a row its `data-*` attributes (the id tests and scripts find it by).
 */
export function DataTable<R>({
  columns,
  rows,
  empty,
  testid,
  caption,
  rowData,
}: {
  columns: readonly Column<R>[];
  rows: readonly R[];
  empty: string;
  testid?: string;
  caption?: Child;
  rowData?: (row: R) => Record<`data-${string}`, string>;
}) {
  if (rows.length === 0) return <p class="muted">{empty}</p>;
  return (
    <table data-testid={testid}>
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((c) => (
            <th class={c.align}>{c.head}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr {...rowData?.(row)}>
            {columns.map((c) =>
              c.rowHead ? <th class={c.align}>{c.cell(row)}</th> : <td class={c.align}>{c.cell(row)}</td>,
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The trust marks a verification found on a store page, each with its verdict: a forged, copied,
 * lookalike or self-hosted mark is a violation and shows as one, whatever the identity's verdict.
 */
export const MarkFindings = ({
  lang,
  t,
  marks,
}: {
  lang: Lang;
  t: Translate;
  marks: readonly MarkFinding[];
}) => (
  <DataTable
    testid="mark-findings"
    empty={`${t('trustMarksFound')}: ${t('none')}`}
    caption={t('trustMarksFound')}
    rows={marks}
    columns={[
      { head: t('markIssuer'), cell: (m) => <span data-raw>{m.issuer ?? '—'}</span> },
      { head: t('verdict'), cell: (m) => <Status lang={lang} value={m.verdict} prefix="mark_verdict." /> },
      {
        head: t('crawlerWords'),
        cell: (m) => (
          <span lang="en" data-raw>
            {m.reason}
          </span>
        ),
      },
    ]}
  />
);

/**
 * Where a paged list stands (`21–40 / 35`) with links to the pages before and after; `href` makes the
 * link of an offset.
 */
export const Pager = ({
  t,
  total,
  offset,
  shown,
  limit,
  href,
  testid = 'pager',
}: {
  t: Translate;
  total: number;
  offset: number;
  shown: number;
  limit: number;
  href: (offset: number) => string;
  testid?: string;
}) => (
  <nav class="pager" aria-label={t('pages')} data-testid={testid}>
    <span class="muted" data-testid="pager-position">
      {total === 0 || shown === 0 ? `0 / ${total}` : `${offset + 1}–${offset + shown} / ${total}`}
    </span>{' '}
    {offset > 0 ? (
      <a href={href(Math.max(0, offset - limit))} rel="prev">
        {t('previousPage')}
      </a>
    ) : null}{' '}
    {offset + shown < total ? (
      <a href={href(offset + shown)} rel="next">
        {t('nextPage')}
      </a>
    ) : null}
  </nav>
);

/** A subject found by a search: the public lookup and the console's show the same table. */
export interface SubjectHit {
  subject_id: string;
  name: string;
  kind: string;
  uscc: string | null;
  tier?: string;
  score?: number;
  stores: string;
}

export const SubjectHits = ({
  lang,
  t,
  hits,
  href,
}: {
  lang: Lang;
  t: Translate;
  hits: readonly SubjectHit[];
  href: (subjectId: string) => string;
}) => (
  <DataTable
    testid="subjects"
    empty={t('noResults')}
    rows={hits}
    columns={[
      {
        head: t('name'),
        cell: (h) => (
          <>
            <a href={href(h.subject_id)} data-raw>
              {h.name}
            </a>
            <div class="muted">{term(lang, h.kind)}</div>
          </>
        ),
      },
      { head: t('uscc'), cell: (h) => <span data-raw>{h.uscc ?? '—'}</span>, align: 'nowrap' },
      ...columnsIf<SubjectHit>(
        hits.some((h) => h.tier !== undefined),
        { head: t('tier'), cell: (h) => <span class={`tier tier-${h.tier}`}>{h.tier}</span> },
        { head: t('score'), cell: (h) => h.score, align: 'num' },
      ),
      { head: t('stores'), cell: (h) => <span data-raw>{h.stores}</span> },
    ]}
  />
);

/**
 * A numbered page of a list (the `page` parameter, from 1) of `size` rows: the last when past the end,
 * the first when not a number; `offset` is its first row's.
 */
export function numberedPage(raw: string | undefined, total: number, size: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(pages, Math.max(1, Math.trunc(Number(raw)) || 1));
  return { page, offset: (page - 1) * size };
}

/** A list page's `offset` parameter: a whole number from 0 to 100,000, anything else 0. */
export function pageOffset(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 100_000 ? n : 0;
}
