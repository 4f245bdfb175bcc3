/**
 * The words stores put before the parts of their business identity, and before numbers that are not
 * part of it. Alternations list the longer label first, so that 营业执照注册号 wins over 注册号.
 */

/** Labels of a unified social credit code (and, before 2015, of the registration number in its place). */
export const CODE_LABELS = [
  '统一社会信用代码',
  '社会信用代码',
  '信用代码',
  '营业执照注册号',
  '营业执照号码',
  '营业执照号',
  // A bare 营业执照： before a number: older footers write the number (15 digits, or the code) so.
  '营业执照',
  '工商注册号',
  '注册号码',
  '注册号',
  '纳税人识别号',
  '税号',
  'unified social credit code',
  'social credit code',
  'credit code',
  'uscc',
];

/** Labels of a pre-2015 15-digit registration number. */
export const REGISTRATION_LABELS = [
  '营业执照注册号',
  '工商注册号',
  '注册号码',
  '注册号',
  '营业执照号码',
  '营业执照号',
  '营业执照',
];

/**
 * Labels of numbers that can take the shape of a code but are not one: 18-digit order numbers, resident
 * ID numbers, tracking and account numbers. A number whose nearest label is one of these is never
 * reported. Phone, ICP and fax labels are not here: their numbers never have 18 characters, and a code
 * that follows one on a footer line would be lost.
 */
export const OTHER_NUMBER_LABELS = [
  '订单编号',
  '订单号',
  '运单号',
  '快递单号',
  '物流单号',
  '交易号',
  '流水号',
  '身份证号',
  '身份证',
  '证件号',
  '会员号',
  '卡号',
  '账号',
];

/**
 * Labels a company name follows. 名称 and 经营者 are also the tail of 网站名称, 店铺名称, 平台经营者...:
 * those two count only where no other Chinese character stands right before them (see names-in-text).
 */
export const NAME_LABELS = [
  '营业执照主体',
  '营业执照名称',
  '经营者名称',
  '企业名称',
  '公司名称',
  '主体名称',
  '单位名称',
  '商户名称',
  '运营主体',
  '经营主体',
  '营业执照',
  '经营者',
  '名称',
];
export const WEAK_NAME_LABELS = new Set(['名称', '经营者']);

/** Labels of the fields that follow a name on a license line: a name value ends where one begins. */
export const FIELD_LABELS = [
  ...CODE_LABELS,
  ...NAME_LABELS,
  '法定代表人',
  '负责人',
  '经营者类型',
  '企业类型',
  '类型',
  '住所',
  '地址',
  '经营场所',
  '注册资本',
  '成立日期',
  '营业期限',
  '经营范围',
  '登记机关',
  '联系电话',
  '电话',
  '客服',
  '邮箱',
  'e-mail',
  '网址',
  '许可证',
  '备案',
];

/**
 * What the name of an individual business (个体工商户) or a branch ends in. Shop names end in them as
 * well (锦绣旗舰店), so they make a name only right after a name label.
 */
export const INDIVIDUAL_SUFFIXES = [
  '店',
  '行',
  '部',
  '厂',
  '工作室',
  '超市',
  '中心',
  '馆',
  '坊',
  '社',
  '铺',
  '场',
  '所',
];

/** Legal forms that end a company's registered name. */
export const COMPANY_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '个人独资企业', '合伙企业'];

/** A regex matching any of `words`, longest first, case-insensitive. */
export function alternation(words: readonly string[], flags = 'gi'): RegExp {
  const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|'), flags);
}
