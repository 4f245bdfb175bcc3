/**
 * The open-data page (`GET /open-data`), in Chinese or English: what the data is and its terms, the
 * published days with their files, how to check a download, the file formats, and every dataset's data
 * dictionary. Pure: routes.tsx reads the days and hands them here.
 *
 * The dictionary's own words (meanings, descriptions, sources) come from dictionary.ts in both
 * languages; they name the values the files hold exactly as the files spell them, so they are shown as
 * data (`data-raw`), and column names, dataset names and allowed values as `<code>`.
 */
import type { FC } from 'hono/jsx';
import { type Lang, type MessageKey, type Translate, term } from '../console/i18n.ts';
import { type PageContext, Layout } from '../console/layout.tsx';
import { DataTable, Pager, When } from '../console/ui.tsx';
import { CHANGE_ANCHOR, datasetAnchor, inDictionaryOrder, schemaAnchor } from './catalog.ts';
import {
  CHANGE_COLUMN,
  DATASETS,
  type DatasetInfo,
  type DictionaryColumn,
  datasetInfo,
} from './dictionary.ts';
import {
  type DayManifest,
  FILE_FORMATS,
  FILE_KINDS,
  MANIFEST_FILE,
  SUMS_FILE,
  dataFileName,
} from './manifest.ts';

export interface DaysShown {
  /** The days of this page of the list, newest first. */
  days: readonly DayManifest[];
  /** All published days. */
  total: number;
  offset: number;
  limit: number;
}

/** A size as people read it (KB, MB, GB of 1,024), the exact bytes kept in `<data value>`. */
export function humanSize(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  if (bytes < 1024) return `${bytes} B`;
  let n = bytes / 1024;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit++;
  }
  return `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[unit]}`;
}

/** File names, formats and literal values inside a sentence: shown as `<code>`, as the files spell them. */
const LITERALS =
  /(manifest\.json|SHA256SUMS|sha256sum|--ignore-missing|JSON-LD|YYYY-MM-DD|CSV|JSON|Parquet|DATE|INT64|OPTIONAL|gzip|Snappy|UTF-8|CRLF|true|false|""|[=+@-](?=[、，,]| or| 开头))/;
const Prose: FC<{ text: string }> = ({ text }) => (
  <>{text.split(LITERALS).map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</>
);

const count = (n: number) => n.toLocaleString('en-US');
const fileUrl = (date: string, file: string) => `/open-data/${date}/${file}`;

/** Names as the files spell them, comma-separated. */
const Codes: FC<{ items: readonly string[] }> = ({ items }) => (
  <>
    {items.map((x, i) => (
      <>
        {i > 0 ? ', ' : ''}
        <code>{x}</code>
      </>
    ))}
  </>
);

const PublishedDay: FC<{ p: PageContext; day: DayManifest }> = ({ p, day }) => {
  const { t, lang } = p;
  return (
    <section aria-labelledby={`day-${day.date}`}>
      <h3 id={`day-${day.date}`}>
        <time datetime={day.date}>{day.date}</time>
      </h3>
      <p class="muted">
        {t('odGenerated')} <When lang={lang} iso={day.generated_at} /> · {t('odCodeVersion')}{' '}
        <code>{day.code_version}</code>
      </p>
      <DataTable
        testid={`files-${day.date}`}
        caption={t('odFilesOf').replace('{date}', day.date)}
        empty={t('none')}
        rows={inDictionaryOrder(day.files)}
        columns={[
          {
            head: t('odFile'),
            rowHead: true,
            cell: (f) => (
              <a href={fileUrl(day.date, f.path)}>
                <code>{f.path}</code>
              </a>
            ),
          },
          {
            head: t('odDataset'),
            cell: (f) => {
              const d = datasetInfo(f.dataset);
              return d ? <a href={`#${datasetAnchor(d.name)}`}>{d.title[lang]}</a> : <code>{f.dataset}</code>;
            },
          },
          { head: t('odFileKind'), cell: (f) => term(lang, `file_kind.${f.kind}`) },
          { head: t('odFormat'), cell: (f) => term(lang, `file_format.${f.format}`), align: 'nowrap' },
          { head: t('odRows'), cell: (f) => count(f.rows), align: 'num' },
          {
            head: t('odSize'),
            cell: (f) => <data value={String(f.bytes)}>{humanSize(f.bytes)}</data>,
            align: 'num',
          },
        ]}
      />
      <p>
        {t('odChecksums')}
        <a href={fileUrl(day.date, MANIFEST_FILE)}>
          <code>{MANIFEST_FILE}</code>
        </a>{' '}
        ·{' '}
        <a href={fileUrl(day.date, SUMS_FILE)}>
          <code>{SUMS_FILE}</code>
        </a>
      </p>
      {day.corrections.length > 0 ? (
        <DataTable
          testid={`corrections-${day.date}`}
          caption={t('odCorrections')}
          empty={t('none')}
          rows={day.corrections}
          columns={[
            { head: t('odCorrectedDay'), cell: (c) => <When lang={lang} iso={c.date} />, align: 'nowrap' },
            { head: t('odDataset'), cell: (c) => <code>{c.dataset}</code> },
            { head: t('reason'), cell: (c) => <span data-raw>{c.reason}</span> },
          ]}
        />
      ) : null}
    </section>
  );
};

/** A dataset's columns: name, type, whether it may be empty, meaning, allowed values. */
const Dictionary: FC<{
  lang: Lang;
  t: Translate;
  id: string;
  caption: string;
  columns: readonly DictionaryColumn[];
}> = ({ lang, t, id, caption, columns }) => (
  <div id={id}>
    <DataTable
      testid={id}
      caption={caption}
      empty={t('none')}
      rows={columns}
      rowData={(c) => ({ 'data-column': c.name })}
      columns={[
        { head: t('odColumn'), rowHead: true, cell: (c) => <code>{c.name}</code>, align: 'nowrap' },
        { head: t('odType'), cell: (c) => term(lang, `column_type.${c.type}`), align: 'nowrap' },
        { head: t('odNullable'), cell: (c) => (c.nullable === false ? t('odNo') : t('odYes')) },
        { head: t('odMeaning'), cell: (c) => <span data-raw>{c.meaning[lang]}</span> },
        {
          head: t('odValues'),
          cell: (c) => (c.values ? <Codes items={c.values} /> : '—'),
        },
      ]}
    />
  </div>
);

const Dataset: FC<{ p: PageContext; d: DatasetInfo }> = ({ p, d }) => {
  const { t, lang } = p;
  const names = FILE_KINDS.flatMap((kind) =>
    FILE_FORMATS.map((format) => dataFileName(d.name, kind, format)),
  );
  return (
    <section aria-labelledby={datasetAnchor(d.name)}>
      <h3 id={datasetAnchor(d.name)}>
        {d.title[lang]} <code>{d.name}</code>
      </h3>
      <p data-raw>{d.description[lang]}</p>
      <dl class="facts">
        <dt>{t('odSource')}</dt>
        <dd data-raw>{d.source[lang]}</dd>
        <dt>{t('odKey')}</dt>
        <dd>
          <Codes items={d.key} />
        </dd>
        <dt>{t('odSchemaVersion')}</dt>
        <dd>{d.schemaVersion}</dd>
        <dt>{t('odFileNames')}</dt>
        <dd>
          <Codes items={names} />
        </dd>
      </dl>
      <Dictionary
        lang={lang}
        t={t}
        id={schemaAnchor(d.name)}
        caption={t('odDictionaryOf').replace('{name}', d.title[lang])}
        columns={d.columns}
      />
    </section>
  );
};

/** The page's sections, as its table of contents lists them. */
const SECTIONS = [
  ['days', 'odDays'],
  ['verify', 'odVerify'],
  ['formats', 'odFormats'],
  ['datasets', 'odDatasets'],
] as const satisfies readonly (readonly [string, MessageKey])[];

export const OpenDataPage: FC<{ p: PageContext; shown: DaysShown }> = ({ p, shown }) => {
  const { t, lang } = p;
  return (
    <Layout p={p} title={t('odTitle')}>
      <p>
        <Prose text={t('odIntro')} />
      </p>
      <p>{t('odImmutable')}</p>
      <p data-testid="terms">{t('odTerms')}</p>
      <p>
        <Prose text={t('odCatalog')} />
        <a href="/open-data/catalog.json">
          <code>catalog.json</code>
        </a>
      </p>
      <nav aria-label={t('odContents')}>
        <ul>
          {SECTIONS.map(([id, key]) => (
            <li>
              <a href={`#${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <h2 id="days">{t('odDays')}</h2>
      {shown.total === 0 ? (
        <p class="muted" data-testid="no-days">
          {t('odNoDays')}
        </p>
      ) : (
        <>
          {shown.days.map((day) => (
            <PublishedDay p={p} day={day} />
          ))}
          <Pager
            t={t}
            total={shown.total}
            offset={shown.offset}
            shown={shown.days.length}
            limit={shown.limit}
            href={(o) => (o ? `/open-data?offset=${o}#days` : '/open-data#days')}
          />
        </>
      )}

      <h2 id="verify">{t('odVerify')}</h2>
      <p>
        <Prose text={t('odVerifyIntro')} />
      </p>
      <ol class="steps">
        <li>
          <Prose text={t('odVerifySums')} />
          <pre>
            <code>sha256sum -c SHA256SUMS</code>
          </pre>
        </li>
        <li>
          <Prose text={t('odVerifyTool')} />
          <pre>
            <code>marketgate opendata verify &lt;dir&gt;</code>
          </pre>
        </li>
      </ol>

      <h2 id="formats">{t('odFormats')}</h2>
      <ul>
        <li>
          <Prose text={t('odCsv')} />
        </li>
        <li>
          <Prose text={t('odParquet')} />
        </li>
      </ul>
      <p class="notice warn">
        <Prose text={t('odSpreadsheet')} />
      </p>

      <h2 id="datasets">{t('odDatasets')}</h2>
      {DATASETS.map((d) => (
        <Dataset p={p} d={d} />
      ))}
      <section aria-labelledby={CHANGE_ANCHOR}>
        <h3 id={CHANGE_ANCHOR}>
          {t('odChangeColumn')} <code>{CHANGE_COLUMN.name}</code>
        </h3>
        <p>{t('odChangeIntro')}</p>
        <Dictionary
          lang={lang}
          t={t}
          id={`${CHANGE_ANCHOR}-dictionary`}
          caption={t('odChangeColumn')}
          columns={[CHANGE_COLUMN]}
        />
      </section>
    </Layout>
  );
};
