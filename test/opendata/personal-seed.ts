import { expect } from 'vitest';
import { addDepartment } from '../../src/accounts/service.ts';
import { startFixtureWeb } from '../../fixtures/web/index.ts';
import type { FixtureCase } from '../../fixtures/web/types.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { penalty as departmentPenalty, personPenalty } from '../helpers/decisions.ts';
import { enterprise, naturalPerson, type TestGateway } from '../helpers/gateway.ts';
import { ndjson, order } from '../helpers/orders.ts';

/**
 * A gateway full of personal details (issue 19, "No personal data"): natural persons who sell, the
 * people behind an enterprise and an individual business, and consumers, each named with ID number,
 * phone, e-mail and home address in every record that takes them — filings, penalties (a regulator's
 * and a department's, some withdrawn), list entries, complaints, trust-mark revocations, a commitment.
 * Everything goes through the HTTP routes (and the accounts verb for the department's key), never SQL.
 * Every person named is known to the gateway (filed as a seller or a representative, or a complainant):
 * a scrubber could know each name.
 */

export interface Person {
  name: string;
  /** A resident ID number with a valid check character (GB 11643). */
  idNumber: string;
  /** The phone in the forms the records use; the first is the one filed. */
  phones: string[];
  email: string;
  address: string;
  /** The road and door number: the part of the address that finds the home. */
  addressCore: string;
}

/** A natural person selling on platform A. */
export const OUYANG: Person = {
  name: '欧阳建国',
  idNumber: '330106198503127713',
  phones: ['139 1234 5678', '139-1234-5678', '+86 13912345678'],
  email: 'ouyang.jianguo@example.cn',
  address: '浙江省杭州市西湖区文三路398号2单元501室',
  addressCore: '文三路398号',
};
/** A natural person selling on platform B; her ID number ends in X and is filed in lower case. */
export const SIMA: Person = {
  name: '司马秀英',
  idNumber: '31010419790826108X',
  phones: ['13698765432', '136 9876 5432'],
  email: 'sima.xiuying@example.com',
  address: '上海市徐汇区漕溪北路595号1幢808室',
  addressCore: '漕溪北路595号',
};
/** The enterprise's legal representative: its filed contact phone and address are his. */
export const ZHUGE: Person = {
  name: '诸葛卫东',
  idNumber: '440106199211031824',
  phones: ['15857112345', '158-5711-2345'],
  email: 'zhuge.weidong@example.org',
  address: '杭州市拱墅区翠苑小区3栋2单元401室',
  addressCore: '翠苑小区3栋',
};
/** The individual business's operator. */
export const SHANGGUAN: Person = {
  name: '上官婉儿',
  idNumber: '110108198805172036',
  phones: ['18606661234', '186 0666 1234'],
  email: 'shangguan.waner@example.cn',
  address: '广州市天河区体育西路103号维多利广场B座2506室',
  addressCore: '体育西路103号',
};
/** Consumers who complain. */
export const DONGFANG: Person = {
  name: '东方明月',
  idNumber: '320102199002145611',
  phones: ['17758889999', '177 5888 9999'],
  email: 'dongfang.mingyue@example.net',
  address: '南京市玄武区珠江路688号5栋1201室',
  addressCore: '珠江路688号',
};
export const MURONG: Person = {
  name: '慕容云海',
  idNumber: '510107199306152033',
  phones: ['13355556666', '133-5555-6666'],
  email: 'murong.yunhai@example.com',
  address: '成都市武侯区科华北路65号锦绣花园7栋302室',
  addressCore: '科华北路65号',
};
export const PEOPLE: readonly Person[] = [OUYANG, SIMA, ZHUGE, SHANGGUAN, DONGFANG, MURONG];

/** Everything a text can say about a person. */
const dossier = (p: Person, phone = p.phones.at(-1)!) =>
  `${p.name}（身份证号${p.idNumber}，电话${phone}，邮箱${p.email}，住${p.address}）`;

export interface PersonalSeed {
  t: TestGateway;
  /** Every personal string put into the gateway, in the forms used. */
  personal: string[];
  /** The people, for the forms a leak would take (phone digits, e-mail local part...). */
  people: readonly Person[];
  /** Decision numbers of the published penalties whose subject is a natural person. */
  personPenalties: string[];
}

type Reply = Awaited<ReturnType<TestGateway['call']>>;

/**
 * Seeds `t` (a testGateway with a short crawl spacing) through its routes; the crawl visits the fixture
 * web, started and closed here. Returns once every crawl (those that list entries start too) is over.
 */
export async function seedPersonalData(t: TestGateway): Promise<PersonalSeed> {
  const web = await startFixtureWeb();
  try {
    return await seed(t, (id) => web.cases.find((c) => c.id === id)!);
  } finally {
    await t.gw.crawls.idle();
    await web.close();
  }
}

async function seed(t: TestGateway, store: (id: string) => FixtureCase): Promise<PersonalSeed> {
  t.config.complaints.perAddressPerHour = 1000;
  const today = chinaToday();
  const { platformA: A, platformB: B } = t;
  const must = async (what: string, reply: Promise<Reply>, status: number) => {
    const done = await reply;
    expect(done.status, `${what}: ${done.text}`).toBe(status);
    return done.json;
  };
  const post = (
    what: string,
    url: string,
    auth: { key?: string; headers?: Record<string, string> },
    body: unknown,
    status = 200,
  ) =>
    must(
      what,
      t.call('POST', url, { ...auth, type: 'application/json', body: JSON.stringify(body) }),
      status,
    );
  const regulator = (what: string, url: string, body: unknown, status = 200) =>
    post(what, url, { key: t.regulator.token }, body, status);

  // ---- sellers: two natural persons, an enterprise and an individual business ----
  const companyCase = store('footer-text');
  const shopCase = store('individual-business');
  const ouyang = naturalPerson({
    legal_name: OUYANG.name,
    id_number: OUYANG.idNumber,
    exemption_reason: `零星小额交易，${OUYANG.name}在家（${OUYANG.address}）制作手工皂`,
    contact_phone: OUYANG.phones[0],
    address: OUYANG.address,
    store_name: `${OUYANG.name}的手工皂小店`,
    store_url: store('identity-missing').url,
  });
  const company = enterprise({
    legal_name: companyCase.filed.name,
    uscc: companyCase.filed.uscc,
    legal_representative: ZHUGE.name,
    contact_phone: ZHUGE.phones[0],
    address: ZHUGE.address,
    store_url: companyCase.url,
  });
  const shop = enterprise({
    subject_type: 'individual_business',
    legal_name: shopCase.filed.name,
    uscc: shopCase.filed.uscc,
    legal_representative: SHANGGUAN.name,
    contact_phone: SHANGGUAN.phones[0],
    address: SHANGGUAN.address,
    store_url: shopCase.url,
  });
  const sima = naturalPerson({
    legal_name: SIMA.name,
    id_number: SIMA.idNumber.toLowerCase(),
    exemption_reason: `偶尔出售自家茶叶，联系人${SIMA.name}，电话${SIMA.phones[1]}`,
    contact_phone: SIMA.phones[0],
    address: SIMA.address,
    store_name: `${SIMA.name}的茶叶小铺`,
    store_url: store('other-company-code').url,
  });
  for (const [key, sellers] of [
    [A.key, [ouyang, company, shop]],
    [B.key, [sima]],
  ] as const) {
    const filed = await must('filing sellers', t.fileSellers(key, sellers), 201);
    expect(filed.counts.rejected, JSON.stringify(filed.errors)).toBe(0);
  }
  const subjectOf = (sellerId: string) =>
    t.gw.sellers.seller(t.gw.accounts.platformBySlug(A.slug)!.id, sellerId)!.subject_id;

  // ---- orders (platform_filing_statistics), and a commitment its signatory signs ----
  const placed_at = new Date(Date.now() - 3_600_000).toISOString();
  const [ouyangOrder, companyOrder, shopOrder, simaOrder] = [ouyang, company, shop, sima].map((s) =>
    order(s.seller_id, { placed_at }),
  );
  for (const [key, orders] of [
    [A.key, [ouyangOrder!, companyOrder!, shopOrder!]],
    [B.key, [simaOrder!]],
  ] as const)
    await must(
      'filing orders',
      t.call('POST', '/v1/transactions', { key, type: 'application/x-ndjson', body: ndjson([...orders]) }),
      201,
    );
  await post(
    'a commitment',
    `/v1/sellers/${ouyang.seller_id}/commitments`,
    { key: A.key },
    { text: `本人${dossier(OUYANG)}承诺诚信经营。`, signatory: OUYANG.name, signed_on: today },
    201,
  );

  // ---- a crawl of every store, the natural persons' too ----
  const stores = [
    ...[ouyang, company, shop].map((s) => ({ platform: A.slug, seller_id: s.seller_id })),
    { platform: B.slug, seller_id: sima.seller_id },
  ];
  await regulator('a crawl', '/v1/regulator/crawls', { stores }, 202);
  await t.gw.crawls.idle();

  // ---- trust marks of the two compliant stores, revoked with a reason naming their people ----
  for (const [seller, p] of [
    [company, ZHUGE],
    [shop, SHANGGUAN],
  ] as const) {
    const mark = await regulator(
      'a mark',
      '/v1/regulator/marks',
      { platform: A.slug, seller_id: seller.seller_id },
      201,
    );
    await regulator('revoking the mark', `/v1/regulator/marks/${mark.mark_id}/revoke`, {
      reason: `经营者${dossier(p, p.phones[1])}将标识借给他人使用`,
    });
  }

  // ---- a regulator's penalties: the natural person (one withdrawn), the enterprise, the shop (withdrawn) ----
  let serial = 9000;
  const penalty = (seller: { seller_id: string }, p: Person, severity: string) =>
    regulator(
      'a penalty',
      '/v1/regulator/penalties',
      {
        decision_number: `杭西市监罚〔2026〕${++serial}号`,
        subject_id: subjectOf(seller.seller_id),
        store: { platform: A.slug, seller_id: seller.seller_id },
        authority: '杭州市西湖区市场监督管理局',
        facts: `当事人${dossier(p, p.phones[0])}在网店销售假冒商品，其邮箱${p.email}用于收款对账。`,
        legal_basis: '《中华人民共和国电子商务法》第七十五条',
        penalty: `对${p.name}（身份证号${p.idNumber}）罚款人民币二万元，联系电话${p.phones.at(-1)}。`,
        severity,
        decided_on: today,
        publish: true,
      },
      201,
    );
  const ouyangSerious = await penalty(ouyang, OUYANG, 'serious');
  await penalty(company, ZHUGE, 'moderate');
  for (const [seller, p] of [
    [ouyang, OUYANG],
    [shop, SHANGGUAN],
  ] as const) {
    const withdrawn = await penalty(seller, p, 'moderate');
    await regulator('withdrawing a penalty', `/v1/regulator/penalties/${withdrawn.id}/withdraw`, {
      overturned_on: today,
      reason: `行政复议撤销：申请人${dossier(p, p.phones[1])}提交了新证据`,
    });
  }

  // ---- a department's double-publicity decisions: the other natural person, the enterprise (withdrawn) ----
  const department = addDepartment(t.gw.accounts, { slug: `tax-personal-${serial}`, name: '税务局' });
  const simaDecision = personPenalty({
    decision_number: `沪徐税罚〔2026〕${++serial}号`,
    subject_name: SIMA.name,
    id_number: SIMA.idNumber,
    violation_facts: `当事人${dossier(SIMA, SIMA.phones[1])}未按规定申报纳税。`,
    content: `对${SIMA.name}罚款人民币五千元，没收违法所得叁佰元，联系电话${SIMA.phones[0]}。`,
    decided_on: today,
  });
  const companyDecision = departmentPenalty({
    decision_number: `杭税罚〔2026〕${++serial}号`,
    subject_name: companyCase.filed.name,
    subject_uscc: companyCase.filed.uscc,
    legal_representative: ZHUGE.name,
    violation_facts: `当事人法定代表人${dossier(ZHUGE)}指使财务人员少报收入。`,
    content: `罚款人民币壹万贰仟伍佰元，没收违法所得叁佰元；法定代表人${ZHUGE.name}（电话${ZHUGE.phones[0]}）签收。`,
    decided_on: today,
  });
  const withdrawnDecision = {
    ...companyDecision,
    status: 'withdrawn',
    withdrawn_on: today,
    withdrawal_reason: `法定代表人${dossier(ZHUGE, ZHUGE.phones[1])}申请复议，决定撤销。`,
  };
  for (const records of [[simaDecision, companyDecision], [withdrawnDecision]]) {
    const filed = await post('filing decisions', '/v1/decisions', { key: department.key }, records, 201);
    expect(filed.counts.rejected, JSON.stringify(filed.errors)).toBe(0);
  }

  // ---- list entries: both lists for the natural person (one removed), the abnormal list for the enterprise ----
  const enter = (list: string, seller: { seller_id: string }, p: Person, extra: object = {}) =>
    regulator(
      `entering the ${list} list`,
      `/v1/regulator/lists/${list}/entries`,
      {
        subject_id: subjectOf(seller.seller_id),
        reason: `通过登记的住所（${p.address}）无法联系；${p.name}的电话${p.phones.at(-1)}停机，邮件${p.email}退回，身份证号${p.idNumber}`,
        legal_basis: '《企业信息公示暂行条例》第十七条',
        ...extra,
      },
      201,
    );
  await enter('serious', ouyang, OUYANG, { penalty_id: ouyangSerious.id });
  const abnormal = await enter('abnormal', ouyang, OUYANG);
  await enter('abnormal', company, ZHUGE);
  await regulator('removing an entry', `/v1/regulator/lists/abnormal/entries/${abnormal.entry.id}/remove`, {
    reason: 'error',
    note: `列入有误：${dossier(OUYANG)}已提供新住所`,
  });

  // ---- complaints with consent to publish, closed (settled, or withdrawn); one left open ----
  const lodge = (
    platform: string,
    seller: { seller_id: string },
    orderId: string,
    consumer: Person,
    p: Person,
  ) =>
    post(
      'lodging a complaint',
      '/public/complaints',
      {},
      {
        platform,
        seller_id: seller.seller_id,
        order_id: orderId,
        category: 'quality',
        description: `我是${dossier(consumer, consumer.phones[1])}。卖家${dossier(p, p.phones[1])}卖给我的商品是假货，拒绝退款。`,
        complainant: { name: consumer.name, phone: consumer.phones[0], email: consumer.email },
        publish_consent: true,
      },
      201,
    );
  type Lodged = { complaint_id: string; tracking_code: string; access_token: string };
  const asConsumer = (c: Lodged, step: string, message: string) =>
    post(
      `the consumer: ${step}`,
      `/public/complaints/${c.tracking_code}/${step}`,
      { headers: { authorization: `Bearer ${c.access_token}` } },
      { message },
    );
  const settle = async (c: Lodged, consumer: Person, p: Person) => {
    const steps = `/v1/regulator/complaints/${c.complaint_id}/steps`;
    await regulator('accepting', steps, { type: 'accept', message: `已联系${dossier(consumer)}` });
    await regulator('substantiating', steps, { type: 'substantiate', message: `经查属实：${dossier(p)}` });
    await regulator('forwarding', steps, { type: 'forward' });
    await post(
      'answering',
      `/v1/complaints/${c.complaint_id}/responses`,
      { key: A.key },
      {
        kind: 'refund',
        message: `已全额退款，请${consumer.name}查收（${consumer.phones[0]}）`,
      },
    );
    // Accepting a refund settles it: the system closes it, resolved for the consumer.
    const accepted = await asConsumer(c, 'accept', `收到退款，谢谢。${consumer.email}`);
    expect(accepted.status, JSON.stringify(accepted)).toBe('closed');
  };
  await settle(await lodge(A.slug, ouyang, ouyangOrder!.order_id, DONGFANG, OUYANG), DONGFANG, OUYANG);
  await settle(await lodge(A.slug, company, companyOrder!.order_id, MURONG, ZHUGE), MURONG, ZHUGE);
  const aboutShop = await lodge(A.slug, shop, shopOrder!.order_id, MURONG, SHANGGUAN);
  await asConsumer(aboutShop, 'withdraw', `不再追究，${dossier(MURONG)}`);
  await lodge(B.slug, sima, simaOrder!.order_id, DONGFANG, SIMA);

  const personal = PEOPLE.flatMap((p) => [
    p.name,
    p.idNumber,
    ...p.phones,
    p.email,
    p.address,
    p.addressCore,
  ]);
  personal.push(SIMA.idNumber.toLowerCase(), ouyang.store_name, sima.store_name);
  return {
    t,
    personal: [...new Set(personal)],
    people: PEOPLE,
    personPenalties: [ouyangSerious.decision_number, simaDecision.decision_number as string],
  };
}
