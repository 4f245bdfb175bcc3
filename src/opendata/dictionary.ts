/**
 * The data dictionary of the open data: every dataset, its columns (meaning, type, allowed values) and
 * where its rows come from, in Chinese and English. The files, the page /open-data and the catalog all
 * read it from here, so the three never disagree. A column's name never changes within a schema
 * version; adding, removing or retyping a column raises the dataset's `schemaVersion`.
 */
import { INCONCLUSIVE_REASONS, VERDICTS } from '../../crawlers/types.ts';
import { COMPLAINT_CATEGORIES, OUTCOMES } from '../complaints/terms.ts';
import type { Column } from './columns.ts';

export interface Words {
  zh: string;
  en: string;
}

export interface DictionaryColumn extends Column {
  meaning: Words;
  /** The only values a cell may hold (besides null, where the column is nullable). */
  values?: readonly string[];
}

export interface DatasetInfo {
  /** snake_case; the files are `<name>-full.<format>` and `<name>-changes.<format>`. */
  name: string;
  schemaVersion: number;
  title: Words;
  description: Words;
  /** Where the rows come from in marketgate's records. */
  source: Words;
  /** The columns that identify a row: unique in a full file, and what the changes file compares by. */
  key: readonly string[];
  columns: readonly DictionaryColumn[];
}

const SUBJECT_KINDS = ['enterprise', 'individual_business', 'natural_person'] as const;
export const CHANGE_VALUES = ['added', 'changed', 'removed', 'corrected'] as const;
export type Change = (typeof CHANGE_VALUES)[number];

/** The first column of every changes file. */
export const CHANGE_COLUMN: DictionaryColumn = {
  name: 'change',
  type: 'string',
  nullable: false,
  values: CHANGE_VALUES,
  meaning: {
    zh: '相对上一个已发布日的变化：added 新增；changed 变更（如撤销、移出）；removed 不再列入（行内为上一日的值）；corrected 更正已发布的数据（见清单 corrections）',
    en: 'how the row differs from the previous published day: added; changed (a withdrawal, a removal from a list...); removed, no longer in the dataset (the row holds the previous values); corrected, a fix to published data (see the manifest’s corrections)',
  },
};

const col = (
  name: string,
  type: Column['type'],
  nullable: boolean,
  zh: string,
  en: string,
  values?: readonly string[],
): DictionaryColumn => ({ name, type, nullable, meaning: { zh, en }, ...(values ? { values } : {}) });

const platform = col('platform', 'string', false, '平台标识（slug）', 'the platform’s identifier (slug)');
const subjectKind = (values: readonly string[] = SUBJECT_KINDS) =>
  col(
    'subject_kind',
    'string',
    false,
    '市场主体类型：enterprise 企业；individual_business 个体工商户；natural_person 自然人',
    'kind of market subject: enterprise, individual_business, natural_person',
    values,
  );
const subjectName = col(
  'subject_name',
  'string',
  false,
  '市场主体名称；自然人按公示页面的方式脱敏（仅保留姓氏）',
  'the subject’s legal name; a natural person’s is masked as on the public pages (family name only)',
);
const uscc = col(
  'uscc',
  'string',
  true,
  '统一社会信用代码；自然人为空',
  'unified social credit code; empty for a natural person',
);
const month = (zh: string, en: string) => col('month', 'string', false, zh, en);

export const DATASETS: readonly DatasetInfo[] = [
  {
    name: 'penalties',
    schemaVersion: 1,
    title: { zh: '行政处罚', en: 'Administrative penalties' },
    description: {
      zh: '在公示期内的行政处罚决定（含部门“双公示”报送的处罚），以及已撤销的决定（撤销后不再公示事实与处罚内容）。',
      en: 'Penalty decisions within their publication window (double-publicity decisions of departments included), and withdrawn decisions (whose facts and penalty are no longer shown).',
    },
    source: {
      zh: '监管人员录入或部门报送的处罚决定；当日结束（北京时间）前已公示的',
      en: 'penalties recorded by regulators or filed by departments; those published by the end of the day (China Standard Time)',
    },
    key: ['decision_number'],
    columns: [
      col('decision_number', 'string', false, '处罚决定书文号', 'the decision’s document number'),
      subjectKind(),
      subjectName,
      uscc,
      col('authority', 'string', false, '作出决定的机关', 'the authority that decided'),
      col(
        'facts',
        'string',
        true,
        '违法事实（已去除个人信息）；已撤销的为空',
        'the facts (personal data scrubbed); empty once withdrawn',
      ),
      col('legal_basis', 'string', false, '处罚依据', 'the legal basis'),
      col(
        'penalty',
        'string',
        true,
        '处罚内容（已去除个人信息）；已撤销的为空',
        'what was imposed (personal data scrubbed); empty once withdrawn',
      ),
      col('severity', 'string', false, '严重程度', 'severity', ['minor', 'moderate', 'serious']),
      col('sector', 'string', false, '领域', 'sector', ['general', 'food', 'drugs', 'special_equipment']),
      col('decided_on', 'date', false, '决定日期', 'the day of the decision'),
      col('published_on', 'date', false, '公示日期', 'the day it was published'),
      col(
        'public_until',
        'date',
        true,
        '公示截止日（当日起不再公示）',
        'the end of publication (not shown from that day on)',
      ),
      col('withdrawn_on', 'date', true, '撤销日期', 'the day it was withdrawn'),
      col(
        'withdrawal_reason',
        'string',
        true,
        '撤销原因（已去除个人信息）',
        'why it was withdrawn (personal data scrubbed)',
      ),
      col(
        'source',
        'string',
        false,
        '来源：regulator 监管人员录入；department 部门双公示报送',
        'recorded by a regulator, or filed by a department (double publicity)',
        ['regulator', 'department'],
      ),
      col(
        'platform',
        'string',
        true,
        '涉及店铺所在的平台；不涉及特定店铺的为空',
        'the platform of the store it concerns, if it concerns one',
      ),
    ],
  },
  {
    name: 'list_entries',
    schemaVersion: 1,
    title: { zh: '经营异常名录与严重违法失信名单', en: 'Abnormal-operations and serious-dishonesty lists' },
    description: {
      zh: '每一次列入，含列入与移出的日期和原因（列入与移出均为公示信息）。',
      en: 'Every entry on the two lists, with the dates and reasons of entry and removal (both are public records).',
    },
    source: {
      zh: '监管人员的列入、移出决定；当日结束前作出的',
      en: 'regulators’ decisions to enter and remove; those made by the end of the day',
    },
    key: ['entry_id'],
    columns: [
      col('entry_id', 'string', false, '列入记录编号', 'the entry’s identifier'),
      col(
        'list',
        'string',
        false,
        'abnormal 经营异常名录；serious 严重违法失信名单',
        'abnormal: abnormal operations; serious: serious illegal and dishonest',
        ['abnormal', 'serious'],
      ),
      subjectKind(),
      subjectName,
      uscc,
      col('reason', 'string', false, '列入原因（已去除个人信息）', 'why (personal data scrubbed)'),
      col('legal_basis', 'string', false, '列入依据', 'the legal basis'),
      col(
        'decision_number',
        'string',
        true,
        '据以列入严重违法失信名单的处罚决定书文号',
        'the penalty that qualified a serious-list entry',
      ),
      col('entered_on', 'date', false, '列入日期', 'the day of entry'),
      col(
        'ends_on',
        'date',
        true,
        '严重违法失信名单的届满日；经营异常名录为空',
        'when a serious-list entry expires; empty for the abnormal list',
      ),
      col('removed_on', 'date', true, '移出日期', 'the day of removal'),
      col(
        'removal_reason',
        'string',
        true,
        '移出原因：expired 届满；repaired 信用修复；moved_to_serious 转入严重违法失信名单；error 列入有误',
        'why removed: expired, repaired (credit repair), moved_to_serious, error (entered in error)',
        ['expired', 'repaired', 'moved_to_serious', 'error'],
      ),
    ],
  },
  {
    name: 'store_verifications',
    schemaVersion: 1,
    title: { zh: '网店亮照亮标核验', en: 'Store identity verifications' },
    description: {
      zh: '每个企业、个体工商户网店最近一次核验的结论。自然人的网店仅计入 verification_statistics。',
      en: 'The latest verification of each store of an enterprise or individual business. Natural persons’ stores are counted only in verification_statistics.',
    },
    source: {
      zh: '爬虫访问店铺页面、与备案身份比对的结果；当日结束前完成的',
      en: 'crawls that visited the store page and compared it with the filed identity; those finished by the end of the day',
    },
    key: ['platform', 'seller_id'],
    columns: [
      platform,
      col(
        'seller_id',
        'string',
        false,
        '平台内经营者编号（平台报送）',
        'the seller’s id on the platform (as filed)',
      ),
      col('store_name', 'string', false, '店铺名称', 'the store’s name'),
      col('store_url', 'string', false, '店铺网址', 'the store’s address'),
      subjectKind(['enterprise', 'individual_business']),
      subjectName,
      uscc,
      col(
        'verdict',
        'string',
        false,
        '结论：compliant 亮照一致；identity_missing 未亮照；identity_mismatch 与备案不符；inconclusive 无法判断',
        'verdict: compliant, identity_missing, identity_mismatch, inconclusive',
        VERDICTS,
      ),
      col('reason', 'string', true, '无法判断的原因', 'why inconclusive', INCONCLUSIVE_REASONS),
      col(
        'marks_violation',
        'boolean',
        false,
        '页面是否展示了不实的信用标识',
        'whether the page showed a trust mark that is not genuine',
      ),
      col('verified_on', 'date', false, '核验日期', 'the day of the verification'),
      col('verification_id', 'string', false, '核验记录编号', 'the verification’s identifier'),
    ],
  },
  {
    name: 'verification_statistics',
    schemaVersion: 1,
    title: { zh: '核验统计', en: 'Verification statistics' },
    description: {
      zh: '按平台、日期、结论和原因统计的核验店铺数，含自然人的网店。',
      en: 'Stores verified per platform, day, verdict and reason, natural persons’ stores included.',
    },
    source: {
      zh: '全部核验记录，按完成日期（北京时间）',
      en: 'every verification, by the day it finished (China Standard Time)',
    },
    key: ['platform', 'day', 'verdict', 'reason'],
    columns: [
      platform,
      col('day', 'date', false, '核验日期', 'the day'),
      col('verdict', 'string', false, '结论', 'verdict', VERDICTS),
      col('reason', 'string', true, '无法判断的原因', 'why inconclusive', INCONCLUSIVE_REASONS),
      col('stores', 'int64', false, '核验的店铺数', 'stores verified'),
      col('verifications', 'int64', false, '核验次数', 'verifications'),
    ],
  },
  {
    name: 'complaint_statistics',
    schemaVersion: 1,
    title: { zh: '投诉统计', en: 'Complaint statistics' },
    description: {
      zh: '按月份、平台和店铺统计的消费者投诉。自然人的网店、未备案的店铺按平台和月份合计为一行（店铺各列为空）。',
      en: 'Consumer complaints per month, platform and store. Natural persons’ stores and stores never filed are summed per platform and month in one row (the store’s columns empty).',
    },
    source: {
      zh: '消费者提交的投诉及其处理过程；按提交月份（北京时间）',
      en: 'complaints lodged by consumers and their handling; by the month lodged (China Standard Time)',
    },
    key: ['month', 'platform', 'subject_kind', 'seller_id'],
    columns: [
      month('提交月份（YYYY-MM）', 'the month lodged (YYYY-MM)'),
      platform,
      subjectKind([...SUBJECT_KINDS, 'not_filed']),
      col(
        'seller_id',
        'string',
        true,
        '平台内经营者编号；合计行为空',
        'the seller’s id on the platform; empty in a summed row',
      ),
      col('store_name', 'string', true, '店铺名称；合计行为空', 'the store’s name; empty in a summed row'),
      col(
        'subject_name',
        'string',
        true,
        '市场主体名称；合计行为空',
        'the subject’s name; empty in a summed row',
      ),
      uscc,
      col('received', 'int64', false, '收到的投诉', 'complaints received'),
      col('accepted', 'int64', false, '受理的投诉', 'complaints accepted'),
      col('substantiated', 'int64', false, '经查属实的投诉', 'complaints substantiated'),
      col(
        'answer_due',
        'int64',
        false,
        '平台应已答复的投诉（已答复或已逾期）',
        'complaints whose platform answer was due (answered, or past its deadline)',
      ),
      col('answered_in_time', 'int64', false, '其中按期答复的', 'of those, answered in time'),
    ],
  },
  {
    name: 'complaint_narratives',
    schemaVersion: 1,
    title: { zh: '投诉内容公开', en: 'Published complaint narratives' },
    description: {
      zh: '消费者同意公开、已办结的投诉内容，已去除个人信息。自然人网店的投诉不公开店铺与经营者。',
      en: 'What consumers wrote in closed complaints they agreed to publish, personal data scrubbed. For natural persons’ stores the store and its operator are left out.',
    },
    source: {
      zh: '已办结且消费者同意公开的投诉',
      en: 'closed complaints whose consumer consented to publication',
    },
    key: ['complaint_id'],
    columns: [
      col('complaint_id', 'string', false, '投诉编号', 'the complaint’s identifier'),
      month('提交月份（YYYY-MM）', 'the month lodged (YYYY-MM)'),
      platform,
      subjectKind([...SUBJECT_KINDS, 'not_filed']),
      col('store_name', 'string', true, '店铺名称', 'the store’s name'),
      col('subject_name', 'string', true, '市场主体名称', 'the subject’s name'),
      uscc,
      col('category', 'string', false, '投诉类别', 'category', COMPLAINT_CATEGORIES),
      col('outcome', 'string', true, '办结结果', 'outcome', OUTCOMES),
      col(
        'narrative',
        'string',
        false,
        '投诉内容（已去除个人信息）',
        'the narrative (personal data scrubbed)',
      ),
    ],
  },
  {
    name: 'trust_marks_revoked',
    schemaVersion: 1,
    title: { zh: '已撤销的信用标识', en: 'Revoked trust marks' },
    description: {
      zh: 'marketgate 颁发后又撤销的网站信用标识：何时、为何撤销。',
      en: 'Trust marks marketgate issued and then revoked: when and why.',
    },
    source: {
      zh: '监管人员的撤销决定，或核验发现身份不符后的自动撤销；当日结束前的',
      en: 'revocations by regulators, or automatic ones after a verification found the identity wrong; those by the end of the day',
    },
    key: ['mark_id'],
    columns: [
      col('mark_id', 'string', false, '标识编号', 'the mark’s identifier'),
      col(
        'origin',
        'string',
        false,
        '标识所属网站（scheme://host）',
        'the site the mark was for (scheme://host)',
      ),
      platform,
      subjectKind(),
      subjectName,
      uscc,
      col('issued_on', 'date', false, '颁发日期', 'the day it was issued'),
      col('revoked_on', 'date', false, '撤销日期', 'the day it was revoked'),
      col(
        'revoked_by',
        'string',
        false,
        '撤销方式：regulator 监管人员；verification 核验结果；other 其他（如列入名单）',
        'revoked by a regulator, after a verification, or otherwise (a list entry...)',
        ['regulator', 'verification', 'other'],
      ),
      col('reason', 'string', false, '撤销原因（已去除个人信息）', 'why (personal data scrubbed)'),
    ],
  },
  {
    name: 'platform_filing_statistics',
    schemaVersion: 1,
    title: { zh: '平台报送统计', en: 'Platform filing statistics' },
    description: {
      zh: '按平台和月份统计的经营者身份与交易数据报送：报送次数、记录数、被拒记录、按期报送的订单。',
      en: 'Per platform and month: filings of sellers and of orders, their records, the records refused, and the orders filed on time.',
    },
    source: {
      zh: '平台报送的回执；按收到月份（北京时间）。按期：订单首次报送不晚于下单次日（北京时间）',
      en: 'the receipts of platforms’ filings, by the month received (China Standard Time). On time: an order first filed by the end of the day after it was placed (China Standard Time)',
    },
    key: ['platform', 'month'],
    columns: [
      platform,
      month('收到月份（YYYY-MM）', 'the month received (YYYY-MM)'),
      col('seller_filings', 'int64', false, '经营者身份报送次数', 'filings of sellers'),
      col('seller_records', 'int64', false, '报送的经营者记录', 'seller records received'),
      col('seller_records_rejected', 'int64', false, '被拒的经营者记录', 'seller records refused'),
      col('order_filings', 'int64', false, '交易报送次数', 'filings of orders'),
      col('order_records', 'int64', false, '报送的订单记录', 'order records received'),
      col('order_records_rejected', 'int64', false, '被拒的订单记录', 'order records refused'),
      col('orders_first_filed', 'int64', false, '首次报送的订单', 'orders filed for the first time'),
      col(
        'orders_filed_on_time',
        'int64',
        false,
        '其中不晚于下单次日报送的',
        'of those, filed by the end of the day after they were placed',
      ),
    ],
  },
];

export function datasetInfo(name: string): DatasetInfo | undefined {
  return DATASETS.find((d) => d.name === name);
}

/** The columns of a dataset's changes file: `change`, then the dataset's own. */
export const changesColumns = (d: DatasetInfo): readonly DictionaryColumn[] => [CHANGE_COLUMN, ...d.columns];
