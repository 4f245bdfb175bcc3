import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { DomainError, ErrorCode } from '../errors.ts';

/** The console and public pages speak Simplified Chinese and English; a `lang` cookie overrides the browser. */
export type Lang = 'zh' | 'en';
export const LANG_COOKIE = 'lang';

/** The language of a request: the `lang` cookie, else the first of Accept-Language we speak, else Chinese. */
export function langOf(c: Context): Lang {
  const cookie = getCookie(c, LANG_COOKIE);
  if (cookie === 'zh' || cookie === 'en') return cookie;
  const ranked = (c.req.header('accept-language') ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

const M = {
  site: ['marketgate 电子商务监管网关', 'marketgate e-commerce supervision gateway'],
  home: ['首页', 'Home'],
  creditLookup: ['信用查询', 'Credit lookup'],
  lodge: ['投诉', 'Lodge a complaint'],
  track: ['投诉进度', 'Track a complaint'],
  console: ['监管控制台', 'Regulator console'],
  switchLang: ['English', '中文'],
  searchHint: [
    '输入统一社会信用代码、网店网址（http/https）或企业、网店名称的一部分（至少 2 个字）。',
    'Enter a unified social credit code, a store URL (http/https) or part of a business or store name (at least 2 characters).',
  ],
  query: ['查询内容', 'Search for'],
  search: ['查询', 'Search'],
  noResults: ['没有找到匹配的经营主体。', 'No market subject matches.'],
  results: ['查询结果', 'Results'],
  tooShort: ['请输入 2 至 200 个字符。', 'Enter 2 to 200 characters.'],
  tier: ['信用等级', 'Credit tier'],
  score: ['信用分', 'Score'],
  name: ['名称', 'Name'],
  kind: ['主体类型', 'Kind'],
  uscc: ['统一社会信用代码', 'Unified social credit code'],
  stores: ['网店', 'Stores'],
  platform: ['平台', 'Platform'],
  storeName: ['网店名称', 'Store name'],
  storeUrl: ['网店网址', 'Store URL'],
  status: ['状态', 'Status'],
  explanation: ['信用分说明', 'How the score is made'],
  event: ['事件', 'Event'],
  severity: ['严重程度', 'Severity'],
  occurred: ['发生时间', 'Occurred'],
  points: ['分值', 'Points'],
  lists: ['名单', 'Lists'],
  list: ['名单', 'List'],
  reason: ['事由', 'Reason'],
  legalBasis: ['依据', 'Legal basis'],
  enteredOn: ['列入日期', 'Entered on'],
  endsOn: ['届满日期', 'Ends on'],
  penalties: ['行政处罚', 'Administrative penalties'],
  decisionNumber: ['决定书文号', 'Decision number'],
  authority: ['处罚机关', 'Authority'],
  facts: ['违法事实', 'Facts'],
  penalty: ['处罚内容', 'Penalty'],
  decidedOn: ['决定日期', 'Decided on'],
  publishedAt: ['公示日期', 'Published'],
  complaintStats: ['投诉统计', 'Complaint statistics'],
  received: ['收到投诉', 'Received'],
  closed: ['已办结', 'Closed'],
  substantiated: ['查证属实', 'Substantiated'],
  perThousand: ['每千单投诉', 'Per thousand orders'],
  answeredInTime: ['按时答复比例', 'Answered in time'],
  latestVerification: ['最近一次亮照核验', 'Latest identity check'],
  verdict: ['结论', 'Verdict'],
  checkedAt: ['核验时间', 'Checked at'],
  marks: ['认证标识', 'Trust marks'],
  verifyMark: ['核验标识', 'Verify the mark'],
  markLookup: ['核验网站上的认证标识', 'Check a trust mark seen on a website'],
  markId: ['标识编号', 'Mark id'],
  markHint: [
    '点击网店上的标识会打开核验页；也可在此输入标识编号。',
    "Clicking a mark on a store opens its verification page; or enter the mark's id here.",
  ],
  none: ['无', 'None'],
  narratives: ['公开的投诉', 'Published complaints'],
  notFound: ['没有找到该页面或记录。', 'No such page or record.'],
  // complaints (consumer)
  lodgeIntro: [
    '请说明在哪个平台、哪家网店购买，发生了什么，以及您的诉求。带 * 的为必填项。您的姓名和电话加密保存，平台和公众只能看到遮盖后的信息。',
    'Say on which platform and in which store you bought, what happened and what you ask for. Fields marked * are required. Your name and phone number are kept encrypted; platforms and the public see them masked.',
  ],
  storeHint: [
    '网店网址或平台上的商家编号，至少填一项。',
    'The store URL or the seller id on the platform: at least one.',
  ],
  sellerId: ['商家编号', 'Seller id'],
  orderId: ['订单号', 'Order number'],
  orderHint: [
    '填写订单号可将投诉与平台报送的订单关联（已核实的购买）。',
    'With the order number the complaint is linked to the order the platform filed (a verified purchase).',
  ],
  category: ['投诉类别', 'Category'],
  description: ['投诉内容', 'What happened'],
  descriptionHint: [
    '10 至 5000 字：经过、时间、您的诉求。',
    '10 to 5,000 characters: what happened, when, and what you ask for.',
  ],
  amount: ['涉及金额', 'Amount claimed'],
  currency: ['币种', 'Currency'],
  yourName: ['您的姓名', 'Your name'],
  phone: ['联系电话', 'Phone'],
  email: ['电子邮箱', 'E-mail'],
  consent: [
    '同意在办结后公开投诉内容（已去除个人信息）',
    'I agree that my complaint is published once closed (personal data removed)',
  ],
  submit: ['提交', 'Submit'],
  fixErrors: ['请更正下面标出的内容。', 'Please correct the fields marked below.'],
  lodged: ['投诉已提交', 'Complaint lodged'],
  trackingCode: ['查询码', 'Tracking code'],
  accessToken: ['访问凭证', 'Access token'],
  keepToken: [
    '请立即保存查询码和访问凭证：凭证只显示这一次，遗失后无法找回，任何持有者都能查看和处理这件投诉。',
    'Keep the tracking code and the access token now: the token is shown only this once, cannot be recovered, and anyone who holds it can see and act on this complaint.',
  ],
  trackIntro: [
    '输入提交投诉时得到的查询码和访问凭证。',
    'Enter the tracking code and the access token you were given when you lodged the complaint.',
  ],
  show: ['查看', 'Show'],
  trackFailed: ['查询码或访问凭证不正确。', 'The tracking code or the access token is wrong.'],
  steps: ['处理经过', 'Steps'],
  when: ['时间', 'When'],
  who: ['处理方', 'By'],
  message: ['留言', 'Message'],
  deadlines: ['期限', 'Deadlines'],
  answer: ['平台答复', "The platform's answer"],
  outcome: ['处理结果', 'Outcome'],
  yourActions: ['您可以', 'What you can do'],
  optionalMessage: ['留言（选填）', 'Message (optional)'],
  done: ['已完成。', 'Done.'],
  formExpired: ['表单已过期或无效，请重新提交。', 'The form expired or is not valid: please send it again.'],
  // console
  login: ['登录', 'Log in'],
  logout: ['退出', 'Log out'],
  regulatorName: ['监管人员账号', 'Regulator name'],
  password: ['密码', 'Password'],
  badLogin: ['账号或密码不正确。', 'Wrong name or password.'],
  lockedOut: ['登录失败次数过多，请 15 分钟后再试。', 'Too many failed logins: try again in 15 minutes.'],
  dashboard: ['总览', 'Dashboard'],
  complaints: ['投诉', 'Complaints'],
  subjects: ['经营主体', 'Subjects'],
  crawls: ['亮照核验', 'Crawls'],
  queue: ['投诉队列（按期限）', 'Complaint queue (by deadline)'],
  pages: ['分页', 'Pages'],
  previousPage: ['上一页', 'Previous'],
  nextPage: ['下一页', 'Next'],
  due: ['期限', 'Due'],
  submittedAt: ['提交时间', 'Submitted'],
  overdue: ['已超期', 'Overdue'],
  dueToday: ['今日到期', 'Due today'],
  dueSoon: ['3 日内到期', 'Due within 3 days'],
  dueLater: ['3 日以后', 'Later'],
  noDeadline: ['无期限', 'No deadline'],
  actions: ['可执行的操作', 'Actions'],
  go: ['执行', 'Do it'],
  revealTitle: ['查看投诉人完整信息', "See the complainant's personal data"],
  revealHint: ['须说明理由，将记入审计日志。', 'Give a reason: it goes into the audit log.'],
  reveal: ['查看', 'Reveal'],
  complainant: ['投诉人', 'Complainant'],
  order: ['订单', 'Order'],
  filingsByMonth: ['各平台每月报送次数', 'Filings per platform and month'],
  filedThisMonth: ['本月报送情况', 'Filed this month'],
  filed: ['已报送', 'Filed'],
  notFiled: ['未报送', 'Not filed'],
  verdicts: ['网店最近一次核验结论', 'Stores by latest verdict'],
  openByStatus: ['未办结投诉（按状态）', 'Open complaints by status'],
  openByDue: ['未办结投诉（按期限）', 'Open complaints by deadline'],
  byTier: ['经营主体信用等级分布', 'Subjects by credit tier'],
  riskiest: ['风险最高的经营主体', 'Subjects with the most risk'],
  month: ['月份', 'Month'],
  count: ['数量', 'Count'],
  total: ['合计', 'Total'],
  searchSubjects: ['查找经营主体和网店', 'Find subjects and stores'],
  sellers: ['各平台商家', 'Sellers on every platform'],
  evidence: ['证据', 'Evidence'],
  filedVsFound: ['报送信息与页面所示', 'Filed and found'],
  found: ['页面所示', 'Found on the page'],
  creditEvents: ['信用事件', 'Credit events'],
  recordPenalty: ['录入行政处罚', 'Record a penalty'],
  publish: ['公示', 'Publish'],
  withdraw: ['撤回', 'Withdraw'],
  overturnedOn: ['撤销日期', 'Overturned on'],
  enterList: ['列入名单', 'Put on a list'],
  removeEntry: ['移出名单', 'Remove from the list'],
  note: ['说明', 'Note'],
  publishNow: ['立即公示', 'Publish at once'],
  sector: ['行业', 'Sector'],
  penaltyId: ['所依据的处罚（严重违法失信名单）', 'Qualifying penalty (serious list)'],
  startCrawl: ['开始核验', 'Start a crawl'],
  allPlatforms: ['所有平台', 'All platforms'],
  staleDays: ['仅核验多少天内未核验的网店', 'Only stores not verified for this many days'],
  progress: ['进度', 'Progress'],
  refresh: ['刷新', 'Refresh'],
  recentCrawls: ['最近的核验', 'Recent crawls'],
  requestedBy: ['发起人', 'Requested by'],
  created: ['创建时间', 'Created'],
  compliant: ['合规', 'Compliant'],
  violations: ['违规', 'Violations'],
  inconclusive: ['无法判定', 'Inconclusive'],
  public: ['公开', 'Public'],
  auditNote: ['每项操作都记入审计日志。', 'Every action is written to the audit log.'],
  sessionEnded: ['会话已结束，请重新登录。', 'The session ended: please log in again.'],
  csrfFailed: [
    '表单校验失败（可能来自其他网站），操作未执行。',
    'The form check failed (it may come from another site): nothing was done.',
  ],
  tooLarge: ['提交的内容过大。', 'What was sent is too large.'],
  badForm: ['无法读取提交的表单。', 'The form could not be read.'],
  mediaType: ['请通过网页表单提交。', 'Send this through the web form.'],
  rateLimited: ['提交过于频繁，请稍后再试。', 'Too many attempts: try again later.'],
  // events and webhooks
  events: ['事件与推送', 'Events'],
  eventFeed: ['事件（最新在前）', 'Events (newest first)'],
  allEventTypes: ['所有事件类型', 'All event types'],
  eventType: ['事件类型', 'Event'],
  eventSeq: ['序号', 'Seq'],
  eventAbout: ['内容', 'What it says'],
  acknowledgements: ['平台确认', 'Acknowledged by platforms'],
  webhooks: ['推送地址（Webhook）', 'Webhooks'],
  webhookOwner: ['所属账户', 'Owner'],
  deliveries: ['投递（待投/成功/失败/取消）', 'Deliveries (pending/delivered/failed/cancelled)'],
  noEvents: ['暂无事件。', 'No events yet.'],
  noWebhooks: ['尚无推送地址。', 'No webhooks registered.'],
  olderEvents: ['更早的事件', 'Older events'],
  // risk warnings
  risk: ['风险预警', 'Risk warnings'],
  riskQueue: ['风险预警队列（按风险分）', 'Risk queue (riskiest first)'],
  signal: ['信号', 'Signal'],
  riskScore: ['风险分', 'Risk score'],
  target: ['对象', 'Target'],
  firstSeen: ['首次发现', 'First seen'],
  lastSeen: ['最近发现', 'Last seen'],
  allSignals: ['所有信号', 'All signals'],
  allStatuses: ['所有状态', 'All statuses'],
  undecided: ['待处理（未分派或已分派）', 'Undecided (open or assigned)'],
  firstPage: ['第一页', 'First page'],
  noWarnings: ['没有符合条件的风险预警。', 'No warning matches.'],
  whyRaised: ['预警依据', 'Why it was raised'],
  ruleWords: ['规则给出的说明（英文）', "The rule's own words"],
  rule: ['规则', 'Rule'],
  thresholds: ['阈值', 'Thresholds'],
  valuesFound: ['发现的数值', 'Values found'],
  comparedWith: ['比较对象', 'Compared with'],
  shownOf: ['显示 {shown} 条，共 {total} 条', '{shown} of {total}'],
  evidenceOrders: ['订单', 'Orders'],
  evidenceSellers: ['网店（商家）', 'Stores (sellers)'],
  evidenceSubjects: ['经营主体', 'Subjects'],
  evidenceComplaints: ['投诉', 'Complaints'],
  evidenceVerifications: ['亮照核验', 'Identity checks'],
  evidenceFilings: ['报送', 'Filings'],
  evidenceHours: ['时段（北京时间）', 'Hours (China Standard Time)'],
  assignee: ['承办人', 'Assignee'],
  decision: ['处理结论', 'Decision'],
  decidedBy: ['处理人', 'Decided by'],
  decidedAt: ['处理时间', 'Decided at'],
  ledTo: ['导致的处罚或名单', 'It led to'],
  assignWarning: ['分派', 'Assign'],
  assigneeHint: ['留空则分派给自己。', 'Leave empty to take it yourself.'],
  confirmWarning: ['确认预警', 'Confirm the warning'],
  confirmHint: [
    '写明理由，并选择该预警导致的行政处罚或名单记录（只选一项）。预警本身不产生信用事件。',
    'Give the reason and choose the penalty or list entry the warning led to (one). A warning itself never writes a credit event.',
  ],
  needsOutcome: [
    '确认预警须选择它导致的一项行政处罚或名单记录。',
    'To confirm a warning, choose the one penalty or list entry it led to.',
  ],
  noOutcomeYet: [
    '该主体还没有行政处罚或名单记录：请先在主体页面录入，再确认预警。',
    "The subject has no penalty or list entry yet: record it on the subject's page, then confirm the warning.",
  ],
  dismissWarning: ['排除预警', 'Dismiss the warning'],
  dismissHint: [
    '排除的理由会保留，用于衡量各信号的准确率。',
    "The reason is kept: regulators' decisions measure each signal's precision.",
  ],
  decided: ['已办结', 'Decided'],
  signalsPrecision: ['各信号的预警与确认比例', 'Warnings per signal and the share confirmed'],
  precision: ['确认比例', 'Share confirmed'],
  undecidedBySignal: ['待处理的风险预警（按信号）', 'Undecided risk warnings by signal'],
  yourself: ['本人', 'yourself'],
  // leads (issue 16 part 3)
  leads: ['违法线索', 'Leads'],
  // assistance requests (issue 16 part 4)
  assistanceRequests: ['协查请求', 'Assistance requests'],
  // decisions (issue 16 part 2)
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof M;
export type Translate = (key: MessageKey) => string;

export function translator(lang: Lang): Translate {
  const i = lang === 'zh' ? 0 : 1;
  return (key) => M[key][i];
}

/** Names of the closed lists (statuses, actions, verdicts...), as people read them. */
const TERMS: Record<string, readonly [string, string]> = {
  'list.entered': ['列入名单', 'List entered'],
  'list.removed': ['移出名单', 'List removed'],
  'penalty.published': ['行政处罚公示', 'Penalty published'],
  'penalty.withdrawn': ['行政处罚撤下', 'Penalty withdrawn'],
  'mark.revoked': ['标识撤销', 'Mark revoked'],
  'verification.violation': ['核验发现违规', 'Verification violation'],
  'complaint.forwarded': ['投诉转交平台', 'Complaint forwarded'],
  'assistance.requested': ['协查请求', 'Assistance requested'],
  'license.published': ['行政许可公示', 'License published'],
  enterprise: ['企业', 'Enterprise'],
  individual_business: ['个体工商户', 'Individual business'],
  natural_person: ['自然人', 'Natural person'],
  submitted: ['已提交', 'Submitted'],
  accepted: ['已受理', 'Accepted'],
  rejected: ['不予受理', 'Rejected'],
  forwarded: ['已转平台', 'Forwarded'],
  answered: ['平台已答复', 'Answered'],
  resolved: ['已解决', 'Resolved'],
  mediation: ['调解中', 'In mediation'],
  closed: ['已办结', 'Closed'],
  submit: ['提交', 'Submit'],
  accept: ['受理', 'Accept'],
  reject: ['不予受理', 'Reject'],
  forward: ['转交平台', 'Forward to the platform'],
  respond: ['平台答复', 'Platform answer'],
  consumer_accept: ['接受答复', "Accept the platform's answer"],
  consumer_reject: ['不接受答复（申请调解）', 'Reject the answer (ask for mediation)'],
  mediate: ['调解', 'Mediate'],
  close: ['办结', 'Close'],
  withdraw: ['撤回投诉', 'Withdraw the complaint'],
  substantiate: ['认定属实', 'Substantiate'],
  message: ['留言', 'Message'],
  sweep: ['期限检查', 'Deadline check'],
  consumer: ['消费者', 'Consumer'],
  platform: ['平台', 'Platform'],
  regulator: ['监管部门', 'Regulator'],
  system: ['系统', 'System'],
  quality: ['质量问题', 'Quality'],
  counterfeit: ['假冒商品', 'Counterfeit'],
  false_advertising: ['虚假宣传', 'False advertising'],
  non_delivery: ['未发货', 'Not delivered'],
  refund_refused: ['拒绝退款', 'Refund refused'],
  price_fraud: ['价格欺诈', 'Price fraud'],
  personal_data_misuse: ['滥用个人信息', 'Personal data misuse'],
  other: ['其他', 'Other'],
  not_consumer_dispute: ['不属于消费纠纷', 'Not a consumer dispute'],
  outside_jurisdiction: ['不属于本部门管辖', 'Outside our jurisdiction'],
  handled_elsewhere: ['已由其他机构处理', 'Handled elsewhere'],
  duplicate: ['重复投诉', 'Duplicate'],
  time_barred: ['超过时效', 'Time-barred'],
  insufficient_information: ['材料不全', 'Insufficient information'],
  resolved_for_consumer: ['消费者诉求得到满足', 'Resolved for the consumer'],
  partially_resolved: ['部分解决', 'Partially resolved'],
  unsubstantiated: ['不属实', 'Unsubstantiated'],
  withdrawn: ['已撤回', 'Withdrawn'],
  mediation_failed: ['调解不成', 'Mediation failed'],
  refund: ['退款', 'Refund'],
  replacement: ['换货', 'Replacement'],
  explanation: ['说明', 'Explanation'],
  decline: ['拒绝', 'Decline'],
  compliant: ['合规', 'Compliant'],
  identity_missing: ['未亮照', 'Identity missing'],
  identity_mismatch: ['亮照信息不符', 'Identity mismatch'],
  inconclusive: ['无法判定', 'Inconclusive'],
  abnormal: ['经营异常名录', 'Abnormal operations list'],
  serious: ['严重违法失信名单', 'Serious dishonesty list'],
  active: ['有效', 'Active'],
  expired: ['已过期', 'Expired'],
  revoked: ['已撤销', 'Revoked'],
  suspended: ['暂停', 'Suspended'],
  queued: ['排队中', 'Queued'],
  running: ['进行中', 'Running'],
  done: ['已完成', 'Done'],
  failed: ['失败', 'Failed'],
  unpublished: ['未公示', 'Unpublished'],
  published: ['公示中', 'Published'],
  ended: ['公示期满', 'Ended'],
  repaired: ['已信用修复', 'Repaired'],
  error: ['错误列入', 'Entered in error'],
  general: ['一般行业', 'General'],
  food: ['食品', 'Food'],
  drugs: ['药品', 'Drugs'],
  special_equipment: ['特种设备', 'Special equipment'],
  decision: ['受理决定', 'Decision'],
  mediation_due: ['调解', 'Mediation'],
  verification_identity_missing: ['核验：未亮照', 'Check: identity missing'],
  verification_identity_mismatch: ['核验：亮照信息不符', 'Check: identity mismatch'],
  mark_not_genuine: ['标识不真实', 'Trust mark not genuine'],
  complaint_substantiated: ['投诉查证属实', 'Complaint substantiated'],
  complaint_response_late: ['平台逾期答复投诉', 'Complaint answered late'],
  penalty: ['行政处罚', 'Administrative penalty'],
  list_abnormal: ['列入经营异常名录', 'Abnormal operations list'],
  list_serious: ['列入严重违法失信名单', 'Serious dishonesty list'],
  commitment: ['信用承诺', 'Credit commitment'],
  repair: ['信用修复', 'Credit repair'],
  order_brushing: ['疑似刷单', 'Order brushing'],
  shared_contact: ['多个主体共用联系信息', 'Shared contact'],
  relisted_offender: ['失信主体换壳经营', 'Relisted offender'],
  sporadic_threshold: ['零星交易接近登记标准', 'Sporadic threshold'],
  complaint_spike: ['投诉激增', 'Complaint spike'],
  filing_gap: ['报送缺失', 'Filing gap'],
  open: ['待处理', 'Open'],
  assigned: ['已分派', 'Assigned'],
  confirmed: ['已确认', 'Confirmed'],
  dismissed: ['已排除', 'Dismissed'],
  // leads: terms (issue 16 part 3)
  // assistance requests: terms (issue 16 part 4)
  // decisions: terms (issue 16 part 2)
};

/** A term of a closed list in the reader's language; unknown terms as they are. */
export function term(lang: Lang, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const entry = TERMS[value];
  return entry ? entry[lang === 'zh' ? 0 : 1] : value;
}

const SEVERITIES: Record<string, readonly [string, string]> = {
  serious: ['严重', 'Serious'],
  high: ['高', 'High'],
  medium: ['中', 'Medium'],
  low: ['低', 'Low'],
};

/**
 * A severity (minor, moderate, serious; a risk warning's low, medium, high): `serious` is also the name
 * of a list, so it has its own words.
 */
export function severityTerm(lang: Lang, value: string): string {
  return SEVERITIES[value]?.[lang === 'zh' ? 0 : 1] ?? value;
}

/** Every error code's title in Chinese: the API speaks English, the console's Chinese pages do not. */
const ERROR_TITLES_ZH: Record<ErrorCode, string> = {
  invalid_parameter: '参数无效',
  invalid_body: '提交的内容无效',
  malformed_json: 'JSON 格式错误',
  malformed_csv: 'CSV 格式错误',
  malformed_xlsx: '电子表格（xlsx）无法读取',
  invalid_encoding: '内容不是有效的 UTF-8 编码',
  unknown_columns: 'CSV 含有未知的列',
  missing_columns: 'CSV 缺少必需的列',
  body_incomplete: '提交的内容不完整',
  unauthorized: '未登录或凭据无效',
  forbidden: '无权进行此操作',
  not_found: '未找到',
  method_not_allowed: '不支持此请求方式',
  conflict: '与现有记录冲突',
  store_not_eligible: '该店铺不符合条件',
  already_listed: '该主体已在此名录中',
  basis_not_qualifying: '缺少列入名单的依据',
  repair_not_eligible: '尚不能进行信用修复',
  illegal_transition: '当前状态下不能进行此步骤',
  duplicate_complaint: '已有相同的投诉正在处理',
  complaint_time_barred: '购买时间已超过投诉时限',
  actor_not_permitted: '此步骤不由您进行',
  rate_limited: '提交过于频繁，请稍后再试',
  unsupported_file_type: '不支持的文件类型',
  payload_too_large: '提交的内容过大',
  unsupported_media_type: '不支持的内容类型',
  idempotency_key_reused: '幂等键已用于其他内容',
  atomic_filing_rejected: '整批报送被拒绝',
  filing_abandoned: '申报已放弃',
  internal_error: '内部错误',
};

/**
 * What a page says when the domain code refuses: its detail (English, often with names and dates) on
 * English pages; on Chinese pages the code's Chinese title, with the detail after it.
 */
export function refusal(lang: Lang, err: DomainError): string {
  return lang === 'zh' ? `${ERROR_TITLES_ZH[err.code]}（${err.detail}）` : err.detail;
}
