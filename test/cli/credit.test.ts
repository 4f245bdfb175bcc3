import fs from 'node:fs';
import { expect, test } from 'vitest';
import { complaintStep, lodgeComplaint } from '../../src/complaints/service.ts';
import { enterList, recordPenalty } from '../../src/credit/service.ts';
import { runCli, runCliProcess } from '../helpers/cli.ts';
import { enterprise, testGateway } from '../helpers/gateway.ts';

/**
 * `marketgate credit sweep`, `complaints sweep` and `credit rescore` on a data folder, as an operator runs
 * them: the first in its own process (it must open the folder, finish and exit by itself), the others
 * through the command line's main() in this process.
 */
test('the sweeps find what time made due, once; rescore stores every subject’s score', async () => {
  // Entering a list crawls the subject's stores: at a short spacing that crawl is over in a moment.
  const t = testGateway({ crawl: { spacingMs: 10, timeoutMs: 2_000, browserSlots: 0 } });
  const res = await t.fileSellers(t.platformA.key, [enterprise({ seller_id: 'cli-1' })]);
  expect(res.status).toBe(201);
  const seller = t.gw.sellers.seller(t.gw.accounts.platformBySlug(t.platformA.slug)!.id, 'cli-1')!;
  const subject = seller.subject_id;
  const longAgo = new Date('2023-01-03T10:00:00+08:00');
  const { entry } = enterList(
    t.gw,
    'abnormal',
    { subject_id: subject, reason: '无法联系', legal_basis: '第四条', entered_on: '2023-01-03' },
    'regulator:test',
    longAgo,
  );
  const penalty = recordPenalty(
    t.gw,
    {
      decision_number: 'CLI-1',
      subject_id: subject,
      authority: '市场监督管理局',
      facts: '事实',
      legal_basis: '依据',
      penalty: '警告',
      severity: 'moderate',
      sector: 'general',
      decided_on: '2026-01-05',
    },
    'regulator:test',
    new Date('2026-01-06T10:00:00+08:00'),
  );
  const past = new Date('2026-06-01T10:00:00+08:00');
  const { row } = lodgeComplaint(
    t.gw,
    {
      platform: t.platformA.slug,
      seller_id: 'cli-1',
      category: 'quality',
      description: '商品质量问题，要求退款。',
      amount_minor: null,
      currency: null,
      complainant: { name: '周八', phone: '13500001111' },
      publish_consent: false,
    },
    past,
  );
  complaintStep(t.gw, row.id, { type: 'accept' }, { role: 'regulator', id: 'regulator:test' }, past);
  complaintStep(t.gw, row.id, { type: 'forward' }, { role: 'regulator', id: 'regulator:test' }, past);
  await t.gw.close();
  try {
    const credit = await runCliProcess(['credit', 'sweep', '--json', '--data', t.dataDir]);
    expect(credit.code, credit.stderr).toBe(0);
    expect(JSON.parse(credit.stdout)).toMatchObject({
      proposed: [entry.id],
      overdue_penalties: [penalty.id],
    });
    const again = await runCli(['credit', 'sweep', '--data', t.dataDir]);
    expect(again.stdout).toMatch(/proposed for the serious list: +0/);
    expect(again.stdout).toMatch(/penalties past their deadline: +1/);

    const complaints = await runCli(['complaints', 'sweep', '--json', '--data', t.dataDir]);
    expect(complaints.code, complaints.stderr).toBe(0);
    expect(JSON.parse(complaints.stdout)).toEqual({ swept: 1, late: [row.id] });
    expect(JSON.parse((await runCli(['complaints', 'sweep', '--json', '--data', t.dataDir])).stdout)).toEqual(
      {
        swept: 0,
        late: [],
      },
    );

    const rescored = await runCli(['credit', 'rescore', '--data', t.dataDir]);
    expect(rescored.stdout).toMatch(/rescored 1 subjects with model v1/);
    const audit = await runCli(['audit', 'verify', '--json', '--data', t.dataDir]);
    // list.enter, penalty.record, complaint.accept, complaint.forward, list.propose_serious
    expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true, entries: 5 });
  } finally {
    fs.rmSync(t.dataDir, { recursive: true, force: true });
  }
}, 60_000);
