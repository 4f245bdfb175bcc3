import { normalizeCompanyName } from '../../crawlers/extract/names.ts';
import { foldFullWidth } from '../../crawlers/lib/width.ts';

/**
 * The core of a legal name: what is left of it once the words every company has are taken away, so
 * that 杭州鑫源商贸有限公司 and 宁波鑫源贸易有限公司 share the core 鑫源. A "new vest" keeps its trade
 * name and changes the city or the form; the core is how relisted_offender finds it (a blocking key,
 * then compared by bigrams).
 */
const PLACES = [
  '北京',
  '天津',
  '上海',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '台湾',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
  '杭州',
  '宁波',
  '温州',
  '绍兴',
  '嘉兴',
  '湖州',
  '金华',
  '台州',
  '义乌',
  '深圳',
  '广州',
  '东莞',
  '佛山',
  '珠海',
  '汕头',
  '苏州',
  '南京',
  '无锡',
  '常州',
  '徐州',
  '南通',
  '扬州',
  '成都',
  '武汉',
  '长沙',
  '郑州',
  '济南',
  '青岛',
  '厦门',
  '福州',
  '泉州',
  '合肥',
  '西安',
  '沈阳',
  '大连',
  '哈尔滨',
  '长春',
  '石家庄',
  '太原',
  '南昌',
  '南宁',
  '昆明',
  '贵阳',
  '兰州',
  '海口',
  '三亚',
  '乌鲁木齐',
  '呼和浩特',
  '银川',
  '西宁',
  '拉萨',
  '中国',
];
// Longest first, so that 有限责任公司 is removed before 有限公司 could leave 责任 behind.
const FORMS = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '个体工商户',
  '合伙企业',
  '集团',
  '公司',
  '分公司',
  '商贸',
  '贸易',
  '实业',
  '科技',
  '电子商务',
  '网络科技',
  '信息技术',
  '供应链',
  '商行',
  '经营部',
  '工作室',
  '旗舰店',
  '专卖店',
  '专营店',
  '门市部',
  '百货',
  '超市',
  '店',
  '厂',
  '市',
  '省',
  '区',
  '县',
].sort((a, b) => b.length - a.length);

export function nameCore(legalName: string): string {
  // A bracketed place (鑫源（杭州）商贸有限公司) goes with its brackets; then places at the start, with
  // the 省/市/区/县 they may carry (浙江省杭州市鑫源...), as often as they repeat.
  let name = normalizeCompanyName(legalName)
    .replace(/\([^()]{1,12}\)/g, '')
    .replace(/[()\s·.,，、-]/g, '');
  for (let changed = true; changed;) {
    changed = false;
    for (const place of PLACES) {
      if (!name.startsWith(place)) continue;
      let rest = name.slice(place.length);
      if (/^[省市区县]/.test(rest)) rest = rest.slice(1);
      if (rest.length > 1) {
        name = rest;
        changed = true;
      }
    }
  }
  for (const form of FORMS) name = name.split(form).join('');
  return name || normalizeCompanyName(legalName);
}

/** Dice coefficient of the two names' character bigrams (normalised): 1 for equal names, 0 for unrelated. */
export function nameSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const n = normalizeCompanyName(s);
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < n.length; i++) out.set(n.slice(i, i + 2), (out.get(n.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const x = grams(a);
  const y = grams(b);
  let both = 0;
  let total = 0;
  for (const [g, n] of x) {
    both += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? 0 : (2 * both) / total;
}

/** An address as compared: full-width folded, white space and punctuation removed, lower case. */
export function normalizeAddress(address: string): string {
  return foldFullWidth(address)
    .replace(/[\s,，.。、#－—()（）-]/g, '')
    .toLowerCase();
}

/** A person's name as compared: full-width folded, white space and middle dots removed. */
export function normalizePersonName(name: string): string {
  return foldFullWidth(name)
    .replace(/[\s·•.]/g, '')
    .toLowerCase();
}
