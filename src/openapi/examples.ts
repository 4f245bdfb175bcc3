/**
 * The ids and names the OpenAPI document's examples share, so that one example's seller is the next
 * one's store and its subject the credit record's. Made up, like the test fixtures: the USCC and the ID
 * number are valid examples (check characters included) that belong to no one.
 */
export const EX = {
  platform: 'alpha-mall',
  platformName: '阿尔法商城',
  sellerId: 'S-1001',
  legalName: '杭州示例商贸有限公司',
  uscc: '91330106673959654P',
  storeName: '示例茶叶旗舰店',
  storeUrl: 'https://shop.example.cn/store/1001',
  subjectId: '01JQ2R7V9B3C5D7E9F1G3H5J7K',
  filingId: '01JQ3M5T8W2X4Y6Z8A0B2C4D6E',
  orderId: 'O-20260301-0001',
  crawlId: '01JQ5A7C9E1G3J5K7M9P1R3T5V',
  verificationId: '01JQ5B8D0F2H4K6M8P0R2T4V6X',
  markId: '01JQ5C9E1G3J5K7M9P1R3T5V7X',
  penaltyId: '01JQ6D0F2H4K6M8P0R2T4V6X8Z',
  entryId: '01JQ6E1G3J5K7M9P1R3T5V7X9A',
  alertId: '01JQ6F2H4K6M8P0R2T4V6X8Z0B',
  warningId: '01JQ7G3J5K7M9P1R3T5V7X9A1C',
  complaintId: '01JQ4N6P8R0S2T4V6W8X0Y2Z4A',
  trackingCode: 'C-7K2M-9QXA',
  leadId: '01JQ8H4K6M8P0R2T4V6X8Z0B2D',
  requestId: '01JQ9J5K7M9P1R3T5V7X9A1C3E',
  answerId: '01JQ9K6M8P0R2T4V6X8Z0B2D4F',
  webhookId: '01JQAM7P9R1T3V5X7Z9B1D3F5H',
  deliveryId: '01JQAN8R0T2V4X6Z8B0D2F4H6K',
  requestIdHeader: '01JQ3K7Y2M8N4P6R9S1T3V5W7X',
  keyId: '20e94a7fa4a30491',
  regulator: 'regulator:3',
  sha256: 'a3f1c9e0b4d2876f5e1a9c3b7d0f2e4a6c8b1d3f5a7e9c0b2d4f6a8c1e3b5d7f',
  signature: 'rhYJ/5/yBuw7KvNmshm8283HZ/YNaE0iyj8ZifNFoPtVX87wCyqam4a9TmR45aoyzp1iQzAm7Yq/M9hJfb0pCA==',
} as const;
