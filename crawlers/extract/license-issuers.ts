import { isValidUscc } from '../lib/uscc.ts';
import { USCC_SHAPE } from './codes.ts';

/**
 * The official licence-link forms: links a market regulator issues for a store to show instead of its
 * licence text (E-Commerce Law art. 15 allows a link label to the electronic business licence). Data,
 * as the trust-mark issuers are: a form is a host, a path, the parameter that identifies the record, and
 * where the form carries the code inside that identifier, how to take it out. Each entry says where the
 * form was seen. A link of one of these forms is official even when its code cannot be read: the
 * verdict then rests on the name shown beside it (crawlers/verify/judge.ts).
 */
export interface LicenseLinkIssuer {
  id: string;
  name: string;
  /** Exact hosts, or '*.domain' for every subdomain. */
  hosts: readonly string[];
  /** A regular expression the URL's path must match. */
  path: string;
  /** The query parameter that identifies the licence record. */
  idParam: string;
  /** Where the identifier begins with the code: a regular expression whose first group is the code. */
  codeInId?: string;
  source: string;
}

export const LICENSE_LINK_ISSUERS: readonly LicenseLinkIssuer[] = [
  {
    id: 'gsxt-national',
    name: '国家企业信用信息公示系统 · 电子营业执照亮照',
    hosts: ['zzlz.gsxt.gov.cn', '*.gsxt.gov.cn'],
    path: '^/businessCheck/',
    idParam: 'serial',
    codeInId: '^([0-9A-Z]{18})-SAIC_SHOW_',
    source:
      'store footers in public repositories: zzlz.gsxt.gov.cn/businessCheck/verifKey.do?showType=p&serial=<code>-SAIC_SHOW_…&signData=…; serials of another form (11000020190617…-SAIC_SHOW_…) carry no code',
  },
  {
    id: 'shanghai-lz',
    name: '上海市市场监督管理局 · 工商亮照',
    hosts: ['www.sgs.gov.cn', 'sgs.gov.cn', 'scjgj.sh.gov.cn'],
    path: '^/lz/licenseLink\\.do',
    idParam: 'entyId',
    source:
      'the 工商亮照标识 of Shanghai stores (../shared real page cn_j1com_footer_index.html and public repositories): /lz/licenseLink.do?method=licenceView&entyId=<id>',
  },
  {
    id: 'beijing-hd315',
    name: '北京市 · 经营性网站备案信息（红盾）',
    hosts: ['www.hd315.gov.cn', 'hd315.gov.cn'],
    path: '^/beian/view\\.asp',
    idParam: 'bianhao',
    source: 'Beijing store footers in public repositories: www.hd315.gov.cn/beian/view.asp?bianhao=<record>',
  },
  {
    id: 'jiangsu-keylicense',
    name: '江苏省市场监督管理局 · 电子营业执照',
    hosts: ['www.jsgsj.gov.cn'],
    path: '^/keyLicense/',
    idParam: 'serial',
    source:
      'the Jiangsu electronic licence badge (../shared real page cn_suning_home_2016.html): /keyLicense/verifKey.jsp?serial=<serial>&signData=…',
  },
  {
    id: 'zhejiang-lzxx',
    name: '浙江省市场监督管理局 · 亮照信息',
    hosts: ['idinfo.zjamr.zj.gov.cn'],
    path: '^/+bscx\\.do',
    idParam: 'id',
    source:
      'the Zhejiang licence badge (../shared real page cn_tmall_footer_alihealth.html): idinfo.zjamr.zj.gov.cn//bscx.do?method=lzxx&id=<id>',
  },
  {
    id: 'guangzhou-licence',
    name: '广州市市场监督管理局 · 营业执照信息',
    hosts: ['air.gzaic.gov.cn'],
    path: '^/outsys/commonquery/viewBusinessLicence',
    idParam: 'uniscid',
    source:
      'Guangzhou licence pages (../shared real page cn_tmall_footer_alihealth.html): /outsys/commonquery/viewBusinessLicence?uniscid=<code>&regno=<number>',
  },
];

const hostMatches = (host: string, patterns: readonly string[]) =>
  patterns.some((p) => (p.startsWith('*.') ? host.endsWith(p.slice(1)) : host === p));

/** The official form a URL is of, with the code its identifier carries (valid or not), if any. */
export function officialLicenseLink(
  url: URL,
  issuers: readonly LicenseLinkIssuer[] = LICENSE_LINK_ISSUERS,
): { issuer: LicenseLinkIssuer; code?: string; codeValid?: boolean } | null {
  const host = url.hostname.toLowerCase();
  for (const issuer of issuers) {
    if (!hostMatches(host, issuer.hosts) || !new RegExp(issuer.path, 'i').test(url.pathname)) continue;
    if (!issuer.codeInId) return { issuer };
    let id: string | null = null;
    for (const [key, value] of url.searchParams)
      if (key.toLowerCase() === issuer.idParam.toLowerCase()) id = value.trim();
    const code = id ? new RegExp(issuer.codeInId).exec(id.toUpperCase())?.[1] : undefined;
    if (!code || !USCC_SHAPE.test(code)) return { issuer };
    return { issuer, code, codeValid: isValidUscc(code) };
  }
  return null;
}
