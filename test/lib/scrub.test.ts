import { describe, expect, it } from 'vitest';
import { scrubPersonalData } from '../../src/lib/scrub.ts';

describe('scrubbing personal data out of published text', () => {
  it.each([
    ['电话13812345678', '电话[phone]'],
    ['电话 138 1234 5678。', '电话 [phone]。'],
    ['call +86 138-1234-5678 now', 'call [phone] now'],
    ['座机010-12345678或(021) 1234 5678', '座机[phone]或[phone]'],
    ['身份证11010519491231002X号', '身份证[ID number]号'],
    ['id 11010519491231002x.', 'id [ID number].'],
    ['mail me: li.si+shop@example.com.cn!', 'mail me: [e-mail]!'],
    ['住浙江省杭州市西湖区文三路398号2单元501室，', '住浙江省[address]，'],
    ['北京市朝阳区建国路88号', '[address]'],
    ['寄到 翠苑小区3栋2单元501室。', '寄到 [address]。'],
    ['张家村3组15号', '[address]'],
    ['SOHO大厦A座1203室', '[address]'],
    ['体育西路103号维多利广场B座2506室', '[address]'],
    ['万达广场3号楼1201室', '[address]'],
  ])('%s → %s', (text, expected) => {
    expect(scrubPersonalData(text)).toBe(expected);
  });

  it('leaves order numbers, codes, amounts, dates and articles of law alone', () => {
    const text =
      '订单号 2026112412345678901，统一社会信用代码91330106673959654P，金额 12345.67 元，2026-11-24，《电子商务法》第七十六条，浙江省杭州市西湖区';
    expect(scrubPersonalData(text)).toBe(text);
  });

  it('removes the names it is given, of two characters or more', () => {
    expect(scrubPersonalData('王小明与王五交易', ['王小明', '王'])).toBe('[name]与王五交易');
  });
});
