/**
 * The open data's catalog for harvesters (`GET /open-data/catalog.json`), in JSON-LD. The vocabulary is
 * W3C's DCAT version 3 (Recommendation, 2024), with the choices DCAT-AP 3.0 makes where DCAT leaves
 * them open: media types as IANA's IRIs, the update frequency from the EU's frequency authority table,
 * checksums as SPDX's `spdx:Checksum` (algorithm `spdx:checksumAlgorithm_sha256`, a lower-case hex
 * `xsd:hexBinary`), byte sizes as `xsd:nonNegativeInteger`, and `dcat:accessURL` repeated beside
 * `dcat:downloadURL` where the file is the only access there is. A gzip CSV is `text/csv` with
 * `dcat:compressFormat` gzip (DCAT 3's own example of a compressed distribution).
 *
 * Pure: the caller reads the latest published day's manifest and gives it here. Every dataset of the
 * data dictionary is listed; its distributions are the latest day's four files of it (full and changes,
 * CSV and Parquet), and none while nothing is published.
 */
import { type Lang, term, translator } from '../console/i18n.ts';
import { type DatasetInfo, DATASETS, type Words } from './dictionary.ts';
import { type DayManifest, FILE_FORMATS, FILE_KINDS, type ManifestFile } from './manifest.ts';

const IANA = 'https://www.iana.org/assignments/media-types/';
/** DCAT-AP's controlled vocabulary for dct:accrualPeriodicity. */
const DAILY = 'http://publications.europa.eu/resource/authority/frequency/DAILY';
const LANGUAGES = [
  'http://publications.europa.eu/resource/authority/language/ZHO',
  'http://publications.europa.eu/resource/authority/language/ENG',
];

/**
 * The prefixes, and the terms whose values are IRIs or typed literals, so that the document stays plain
 * JSON to read (a number is a number, a URL a string) and still expands to the right RDF.
 */
const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  spdx: 'http://spdx.org/rdf/terms#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  'dcat:accessURL': { '@type': '@id' },
  'dcat:downloadURL': { '@type': '@id' },
  'dcat:landingPage': { '@type': '@id' },
  'dcat:mediaType': { '@type': '@id' },
  'dcat:compressFormat': { '@type': '@id' },
  'dct:accrualPeriodicity': { '@type': '@id' },
  'dct:language': { '@type': '@id' },
  'foaf:homepage': { '@type': '@id' },
  'spdx:algorithm': { '@type': '@id' },
  'dcat:byteSize': { '@type': 'xsd:nonNegativeInteger' },
  'spdx:checksumValue': { '@type': 'xsd:hexBinary' },
  'dct:issued': { '@type': 'xsd:date' },
  'dct:modified': { '@type': 'xsd:dateTime' },
} as const;

/** Words in both languages as language-tagged literals. */
const tagged = (w: Words) => [
  { '@value': w.zh, '@language': 'zh' },
  { '@value': w.en, '@language': 'en' },
];
const both = (f: (lang: Lang) => string): Words => ({ zh: f('zh'), en: f('en') });

/** Keywords every dataset shares, beside its own name and title. */
const KEYWORDS: Words[] = [
  { zh: '电子商务', en: 'e-commerce' },
  { zh: '市场监管', en: 'market supervision' },
  { zh: '信用', en: 'credit' },
];

/** Where the page documents a dataset, and its columns (the anchors of routes' page). */
export const datasetAnchor = (name: string) => `dataset-${name}`;
export const schemaAnchor = (name: string) => `schema-${name}`;
export const CHANGE_ANCHOR = 'change-column';

/** A day's data files in the dictionary's order of datasets, full before changes, CSV before Parquet. */
export function inDictionaryOrder(files: readonly ManifestFile[]): ManifestFile[] {
  const rank = (f: ManifestFile) => {
    const d = DATASETS.findIndex((x) => x.name === f.dataset);
    return [d === -1 ? DATASETS.length : d, FILE_KINDS.indexOf(f.kind), FILE_FORMATS.indexOf(f.format)];
  };
  return [...files].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]! || (a.path < b.path ? -1 : 1);
  });
}

export function dcatCatalog(publicUrl: string, latest: DayManifest | null): Record<string, unknown> {
  const page = `${publicUrl}/open-data`;
  // The project names no licence document; the terms of use go in a rights statement. Once a licence is
  // chosen, its IRI goes in dct:license on the catalog and on each distribution.
  const rights = {
    '@type': 'dct:RightsStatement',
    'rdfs:label': tagged(both((lang) => translator(lang)('odTerms'))),
  };
  const changeColumn = {
    '@id': `${page}#${CHANGE_ANCHOR}`,
    '@type': 'dct:Standard',
    'dct:title': tagged(both((lang) => translator(lang)('odChangeColumn'))),
  };
  const schemaOf = (d: DatasetInfo) => ({
    '@id': `${page}#${schemaAnchor(d.name)}`,
    '@type': 'dct:Standard',
    'dct:title': tagged(both((lang) => translator(lang)('odDictionaryOf').replace('{name}', d.name))),
    'dcat:version': String(d.schemaVersion),
  });
  const distribution = (d: DatasetInfo, day: DayManifest, f: ManifestFile) => {
    const url = `${page}/${day.date}/${f.path}`;
    return {
      '@type': 'dcat:Distribution',
      'dct:title': tagged(
        both((lang) =>
          [
            d.title[lang],
            term(lang, `file_kind.${f.kind}`),
            term(lang, `file_format.${f.format}`),
            day.date,
          ].join(' · '),
        ),
      ),
      'dcat:accessURL': url,
      'dcat:downloadURL': url,
      ...(f.format === 'csv.gz'
        ? { 'dcat:mediaType': `${IANA}text/csv`, 'dcat:compressFormat': `${IANA}application/gzip` }
        : { 'dcat:mediaType': `${IANA}application/vnd.apache.parquet` }),
      'dcat:byteSize': f.bytes,
      'spdx:checksum': {
        '@type': 'spdx:Checksum',
        'spdx:algorithm': 'spdx:checksumAlgorithm_sha256',
        'spdx:checksumValue': f.sha256,
      },
      'dct:issued': day.date,
      'dct:conformsTo': f.kind === 'changes' ? [schemaOf(d), changeColumn] : schemaOf(d),
      'dct:rights': rights,
    };
  };
  return {
    '@context': CONTEXT,
    '@id': `${page}/catalog.json`,
    '@type': 'dcat:Catalog',
    'dct:title': tagged(both((lang) => `marketgate ${translator(lang)('odTitle')}`)),
    'dct:description': tagged(both((lang) => translator(lang)('odIntro'))),
    'dct:publisher': {
      '@id': `${publicUrl}/#publisher`,
      '@type': 'foaf:Agent',
      'foaf:name': tagged(both((lang) => translator(lang)('site'))),
    },
    'dct:rights': rights,
    'dct:language': LANGUAGES,
    'foaf:homepage': page,
    ...(latest ? { 'dct:modified': latest.generated_at } : {}),
    'dcat:dataset': DATASETS.map((d) => ({
      '@id': `${page}#${datasetAnchor(d.name)}`,
      '@type': 'dcat:Dataset',
      'dct:identifier': d.name,
      'dct:title': tagged(d.title),
      'dct:description': tagged(d.description),
      'dct:provenance': { '@type': 'dct:ProvenanceStatement', 'rdfs:label': tagged(d.source) },
      'dcat:keyword': [d.name, ...[d.title, ...KEYWORDS].flatMap(tagged)],
      'dct:accrualPeriodicity': DAILY,
      'dct:publisher': { '@id': `${publicUrl}/#publisher` },
      'dcat:landingPage': `${page}#${datasetAnchor(d.name)}`,
      'dct:conformsTo': schemaOf(d),
      'dcat:distribution': inDictionaryOrder(latest?.files.filter((f) => f.dataset === d.name) ?? []).map(
        (f) => distribution(d, latest!, f),
      ),
    })),
  };
}
