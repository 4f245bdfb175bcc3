import { afterEach, expect, test } from 'vitest';
import { extractFindings } from '../../crawlers/extract/index.ts';
import {
  ExtractionFailed,
  type Extractor,
  inProcessExtractor,
  workerExtractor,
} from '../../crawlers/extract/pool.ts';

const PAGE = Buffer.from(
  '<html><body><footer>营业执照：杭州示例商贸有限公司 统一社会信用代码：91330106673959654P</footer></body></html>',
);
let extractor: Extractor | undefined;
afterEach(async () => {
  await extractor?.close();
  extractor = undefined;
});

test('worker threads find what the in-process extractor finds, many pages at once', async () => {
  extractor = workerExtractor(2);
  const expected = extractFindings(PAGE.toString(), 'http://127.0.0.1/');
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      extractor!.extract(PAGE, 'text/html; charset=utf-8', 'http://127.0.0.1/'),
    ),
  );
  for (const findings of results) expect(findings).toEqual(expected);
  expect(expected.codes.map((c) => c.code)).toEqual(['91330106673959654P']);
  expect(await inProcessExtractor().extract(PAGE, 'text/html', 'http://127.0.0.1/')).toEqual(expected);
});

test('pages go to the least busy worker, and a closed extractor refuses work', async () => {
  extractor = workerExtractor(1);
  await expect(
    extractor.extract(Buffer.from([0xff, 0xfe, 0x00]), undefined, 'http://127.0.0.1/'),
  ).resolves.toBeDefined();
  await extractor.close();
  await expect(extractor.extract(PAGE, undefined, 'http://127.0.0.1/')).rejects.toBeInstanceOf(
    ExtractionFailed,
  );
});
