import { expect } from 'vitest';
import {
  addDepartment,
  addRegulator,
  revokePlatformKey,
  rotatePlatformKey,
} from '../../src/accounts/service.ts';
import { keyPrefixOf } from '../../src/accounts/secrets.ts';
import { usccCheckCharacter } from '../../crawlers/lib/uscc.ts';
import { type FixtureWeb, startFixtureWeb } from '../../fixtures/web/index.ts';
import { chinaToday } from '../../src/lib/dates.ts';
import { runRisk } from '../../src/risk/run.ts';
import { createWebhook } from '../../src/events/webhooks.ts';
import { enterprise, type TestGateway, testGateway } from './gateway.ts';
import { ndjson, order } from './orders.ts';

/** A PNG signature and header: enough for the complaint files' content sniffing. */
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);

let serial = 0;
const newUscc = () => {
  const first17 = `91330106${String(++serial).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

/**
 * A gateway holding one row of every kind a route can name: for platform A a seller whose store the
 * fixture web serves compliant (verified by a crawl, with evidence and a trust mark), an order, a
 * filing and two complaints (one forwarded to the platform, with a file); for regulators a penalty,
 * an entry on each list, an alert and a risk warning (order_brushing on platform A's store). Every store
 * URL is on the fixture web: no crawl leaves 127.0.0.1.
 */
export async function populatedGateway() {
  const web = await startFixtureWeb();
  const t = testGateway({ crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 } });
  try {
    return await populate(t, web);
  } catch (err) {
    await t.gw.crawls.idle();
    await t.close();
    await web.close();
    throw err;
  }
}

async function populate(t: TestGateway, web: FixtureWeb) {
  t.config.complaints.perAddressPerHour = 1000;
  const store = (id: string) => web.cases.find((c) => c.id === id)!;
  const asJson = (body: unknown) => ({ type: 'application/json', body: JSON.stringify(body) });
  const must = async (what: string, res: Promise<Awaited<ReturnType<typeof t.call>>>, status: number) => {
    const done = await res;
    expect(done.status, `${what}: ${done.text}`).toBe(status);
    return done.json;
  };
  const asRegulator = (method: string, url: string, body: unknown, status: number) =>
    must(`${method} ${url}`, t.call(method, url, { key: t.regulator.token, ...asJson(body) }), status);

  // Keys of every kind: an admin, a revoked platform key and a revoked regulator token.
  const admin = addRegulator(t.gw.accounts, { name: `matrix-admin-${++serial}`, admin: true });
  const rotated = rotatePlatformKey(t.gw.accounts, t.platformA.slug);
  revokePlatformKey(t.gw.accounts, t.platformA.slug, rotated.prefix);
  const retired = addRegulator(t.gw.accounts, { name: `matrix-retired-${++serial}` });
  const department = addDepartment(t.gw.accounts, { slug: `matrix-tax-${++serial}`, name: '税务局' });
  // No verb revokes a regulator's token yet: revoke its key row as a platform key's is revoked.
  const retiredKey = t.gw.accounts.keyByPrefix(keyPrefixOf(retired.token)!)!;
  t.gw.accounts.revokeKey(retiredKey.id, new Date().toISOString());

  // Platform A's webhook, registered before anything happens: every event about A gets a delivery.
  const platformARow = t.gw.accounts.platformBySlug(t.platformA.slug)!;
  const principalA = {
    kind: 'platform' as const,
    platformId: platformARow.id,
    slug: platformARow.slug,
    keyPrefix: keyPrefixOf(t.platformA.key)!,
  };
  const webhook = createWebhook(t.gw, principalA, {
    url: 'https://hooks.example.com/matrix',
    events: ['complaint.forwarded', 'list.entered'],
  });

  const honest = store('footer-text');
  const sellerId = `matrix-store-${++serial}`;
  const listedId = `matrix-listed-${serial}`;
  const listedUscc = newUscc();
  const filing = await must(
    'filing sellers',
    t.fileSellers(t.platformA.key, [
      enterprise({
        seller_id: sellerId,
        legal_name: honest.filed.name,
        uscc: honest.filed.uscc,
        store_url: honest.url,
      }),
      enterprise({ seller_id: listedId, uscc: listedUscc, store_url: store('closed-404').url }),
    ]),
    201,
  );
  const orderId = `MATRIX-ORDER-${serial}`;
  await must(
    'filing an order',
    t.call('POST', '/v1/transactions', {
      key: t.platformA.key,
      type: 'application/x-ndjson',
      body: ndjson([order(sellerId, { order_id: orderId })]),
    }),
    201,
  );
  const subjectOf = (id: string) =>
    t.gw.sellers.seller(t.gw.accounts.platformBySlug(t.platformA.slug)!.id, id)!;
  const subjectId = subjectOf(sellerId).subject_id;
  const listedSubjectId = subjectOf(listedId).subject_id;

  const crawl = await asRegulator(
    'POST',
    '/v1/regulator/crawls',
    { stores: [{ platform: t.platformA.slug, seller_id: sellerId }] },
    202,
  );
  await t.gw.crawls.idle();
  const verifications = await asRegulator(
    'GET',
    `/v1/regulator/stores/${t.platformA.slug}/${sellerId}/verifications`,
    undefined,
    200,
  );
  const verification = verifications.verifications[0];
  expect(verification?.verdict, JSON.stringify(verification)).toBe('compliant');
  const mark = await asRegulator(
    'POST',
    '/v1/regulator/marks',
    { platform: t.platformA.slug, seller_id: sellerId },
    201,
  );

  const penalty = await asRegulator(
    'POST',
    '/v1/regulator/penalties',
    {
      decision_number: `杭市监罚〔2026〕${serial}号`,
      subject_id: listedSubjectId,
      authority: '杭州市市场监督管理局',
      facts: '未在首页显著位置公示营业执照信息。',
      legal_basis: '《中华人民共和国电子商务法》第七十六条',
      penalty: '警告，罚款人民币五千元',
      severity: 'serious',
      decided_on: chinaToday(),
    },
    201,
  );
  const entryBody = {
    subject_id: listedSubjectId,
    reason: '通过登记的住所无法联系',
    legal_basis: '《企业信息公示暂行条例》',
  };
  await asRegulator(
    'POST',
    '/v1/regulator/lists/serious/entries',
    { ...entryBody, penalty_id: penalty.id },
    201,
  );
  const abnormal = await asRegulator('POST', '/v1/regulator/lists/abnormal/entries', entryBody, 201);
  // Platform B files the listed subject: regulators get an alert.
  await must(
    'platform B filing a listed subject',
    t.fileSellers(t.platformB.key, [
      enterprise({ seller_id: `matrix-b-${serial}`, uscc: listedUscc, store_url: store('closed-404').url }),
    ]),
    201,
  );
  const alerts = await asRegulator('GET', '/v1/regulator/alerts', undefined, 200);
  const alert = alerts.alerts.find((a: { subject_id: string }) => a.subject_id === listedSubjectId);
  expect(alert, JSON.stringify(alerts)).toBeDefined();
  await t.gw.crawls.idle();

  const lodge = (over: Record<string, unknown>) =>
    must(
      'lodging a complaint',
      t.call(
        'POST',
        '/public/complaints',
        asJson({
          platform: t.platformA.slug,
          category: 'quality',
          description: '收到的茶叶发霉，商家拒绝退款。',
          complainant: { name: '李四', phone: `1391234${String(++serial).padStart(4, '0')}` },
          ...over,
        }),
      ),
      201,
    );
  const complaint = await lodge({ seller_id: sellerId, order_id: orderId });
  const otherComplaint = await lodge({ seller_id: listedId });
  // Forwarded to the platform, which may then answer it and write to the consumer.
  for (const type of ['accept', 'forward'])
    await asRegulator('POST', `/v1/regulator/complaints/${complaint.complaint_id}/steps`, { type }, 200);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png');
  const files = await must(
    'adding a complaint file',
    t.call('POST', `/public/complaints/${complaint.tracking_code}/files`, {
      headers: { authorization: `Bearer ${complaint.access_token}` },
      body: form,
    }),
    201,
  );

  // A lead of platform A's with a file (issue 16 part 3), and an assistance request to platform A with
  // one answer part (part 4), so that {lead_id}, {request_id} and {answer_id} have real values.
  const lead = await must(
    'filing a lead',
    t.call('POST', '/v1/leads', {
      key: t.platformA.key,
      ...asJson({
        seller_id: sellerId,
        goods: [{ name: '有机绿茶礼盒 250g', sku: 'SKU-1' }],
        category: 'counterfeit',
        found: '品牌方鉴定为假冒商品，商家无法提供授权。',
        records: ['商品页面快照'],
        measures: [{ measure: 'delisted_goods' }],
        found_on: chinaToday(),
      }),
    }),
    201,
  );
  const leadForm = new FormData();
  leadForm.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'lead.png');
  const leadFiles = await must(
    'adding a lead file',
    t.call('POST', `/v1/leads/${lead.lead_id}/files`, { key: t.platformA.key, body: leadForm }),
    201,
  );
  const assistance = await asRegulator(
    'POST',
    '/v1/regulator/assistance-requests',
    {
      platform: t.platformA.slug,
      seller_id: sellerId,
      legal_basis: '《网络交易监督管理办法》第三十四条',
      case_number: `MATRIX-${++serial}`,
      scope: ['identity'],
      from: chinaToday(),
      to: chinaToday(),
    },
    201,
  );
  const assistanceId = (assistance.request_id ?? assistance.id) as string;
  const answer = await must(
    'answering the assistance request',
    t.call('POST', `/v1/assistance-requests/${assistanceId}/answers?final=false`, {
      key: t.platformA.key,
      type: 'application/x-ndjson',
      body: '{"a":1}\n',
    }),
    201,
  );

  // An hour two hours ago in which the store's 12 orders came from 2 buyers: the risk run warns of
  // order brushing (src/risk/signals/order-brushing.ts), so that {warning_id} has a real value.
  const now = new Date();
  const hour = new Date(now.getTime() - 2 * 3_600_000);
  hour.setUTCMinutes(0, 0, 0);
  await must(
    'filing an hour of brushed orders',
    t.call('POST', '/v1/transactions', {
      key: t.platformA.key,
      type: 'application/x-ndjson',
      body: ndjson(
        Array.from({ length: 12 }, (_, i) =>
          order(sellerId, {
            order_id: `MATRIX-BRUSHED-${serial}-${i}`,
            placed_at: new Date(hour.getTime() + i * 4 * 60_000).toISOString(),
            buyer_ref: `matrix-brusher-${i % 2}`,
          }),
        ),
      ),
    }),
    201,
  );
  runRisk(t.gw, { now });
  const warnings = await asRegulator(
    'GET',
    `/v1/regulator/risk/warnings?signal=order_brushing&platform=${t.platformA.slug}`,
    undefined,
    200,
  );
  const warning = warnings.warnings.find((x: { seller_id: string }) => x.seller_id === sellerId);
  expect(warning, JSON.stringify(warnings)).toBeDefined();

  // An event addressed to platform A alone (its forwarded complaint), and its delivery to A's webhook.
  const forwarded = t.gw.events.feed({ platformId: platformARow.id }, 0, 1000, 'complaint.forwarded').rows[0];
  expect(forwarded, 'an event addressed to platform A').toBeDefined();
  const delivery = t.gw.events
    .deliveries(webhook.webhook_id, Number.MAX_SAFE_INTEGER, null, 1000)
    .find((d) => d.seq === forwarded!.seq)!;
  expect(delivery, 'its delivery').toBeDefined();
  t.gw.events.recordAttempt({
    id: delivery.id,
    status: 'failed',
    next_attempt_at: null,
    at: new Date().toISOString(),
    last_status: 500,
    last_error: null,
  });
  /** Deleting a webhook is done once per webhook: each DELETE of the matrix gets a fresh one of A's. */
  const doomedWebhook = () => {
    const id = `01M9${String(++serial).padStart(22, '0')}`;
    t.gw.events.insertWebhook({
      id,
      owner_platform_id: platformARow.id,
      owner_regulator_id: null,
      url: 'https://hooks.example.com/doomed',
      events: JSON.stringify(['list.entered']),
      secret_enc: t.gw.keys.encrypt('whsec_AAAA'),
      created_at: new Date().toISOString(),
      created_by: `platform:${platformARow.slug}`,
    });
    return id;
  };

  const ids = {
    platform: t.platformA.slug,
    otherPlatform: t.platformB.slug,
    sellerId,
    orderId,
    filingId: filing.filing_id as string,
    subjectId,
    crawlId: crawl.crawl_id as string,
    verificationId: verification.id as string,
    evidenceSha256: verification.evidence[0].sha256 as string,
    markId: mark.mark_id as string,
    penaltyId: penalty.id as string,
    abnormalEntryId: abnormal.entry.id as string,
    alertId: alert.id as string,
    complaintId: complaint.complaint_id as string,
    trackingCode: complaint.tracking_code as string,
    accessToken: complaint.access_token as string,
    otherAccessToken: otherComplaint.access_token as string,
    complaintFileSha256: files.files[0].sha256 as string,
    uscc: honest.filed.uscc!,
    warningId: warning.warning_id as string,
    leadId: lead.lead_id as string,
    leadFileSha256: leadFiles.files[0].sha256 as string,
    assistanceRequestId: assistanceId,
    assistanceAnswerId: answer.answer_id as string,
  };
  /** A real value for a path or query parameter `name` of the route at `path`, or undefined. */
  function parameter(name: string, path: string): string | undefined {
    const values: Record<string, string | undefined> = {
      seller_id: ids.sellerId,
      platform: ids.platform,
      order_id: ids.orderId,
      filing_id: ids.filingId,
      subject_id: ids.subjectId,
      crawl_id: ids.crawlId,
      verification_id: ids.verificationId,
      mark_id: ids.markId,
      penalty_id: ids.penaltyId,
      list: 'abnormal',
      entry_id: ids.abnormalEntryId,
      alert_id: ids.alertId,
      warning_id: ids.warningId,
      complaint_id: ids.complaintId,
      tracking_code: ids.trackingCode,
      sha256: path.includes('/evidence/')
        ? ids.evidenceSha256
        : path.includes('/leads/')
          ? ids.leadFileSha256
          : path.includes('/complaints/')
            ? ids.complaintFileSha256
            : undefined,
      year: chinaToday().slice(0, 4),
      q: ids.uscc,
      seq: String(forwarded!.seq),
      webhook_id: path === '/v1/webhooks/{webhook_id}' ? doomedWebhook() : webhook.webhook_id,
      delivery_id: delivery.id,
      lead_id: ids.leadId,
      request_id: ids.assistanceRequestId,
      answer_id: ids.assistanceAnswerId,
      scheme: 'drug',
      code: '81234560012345678901',
    };
    return Object.hasOwn(values, name) ? values[name] : undefined;
  }

  return {
    t,
    web,
    ids,
    parameter,
    keys: {
      platformA: t.platformA.key,
      platformB: t.platformB.key,
      regulator: t.regulator.token,
      admin: admin.token,
      department: department.key,
      revokedPlatform: rotated.key,
      revokedRegulator: retired.token,
    },
    /** Ids of platform A's data that no answer to platform B may contain. */
    privateToA: [
      sellerId,
      listedId,
      orderId,
      filing.filing_id as string,
      complaint.complaint_id,
      otherComplaint.complaint_id,
      webhook.webhook_id,
      lead.lead_id,
      assistanceId,
    ] as string[],
    async close() {
      await t.gw.crawls.idle();
      await t.close();
      await web.close();
    },
  };
}

export type PopulatedGateway = Awaited<ReturnType<typeof populatedGateway>>;
