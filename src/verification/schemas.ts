import { z } from '@hono/zod-openapi';
import { SELLER_ID } from '../sellers/record.ts';
import { CRAWL_STATES } from './crawl-view.ts';
import {
  CRAWL_EXAMPLE,
  CRAWL_RESULT_EXAMPLE,
  CRAWL_STATS_EXAMPLE,
  EPISODE_EXAMPLE,
  VERIFICATION_EXAMPLE,
} from './examples.ts';
import { EX } from '../openapi/examples.ts';

const VERDICTS = ['compliant', 'identity_missing', 'identity_mismatch', 'inconclusive'] as const;

export const CrawlRequestSchema = z
  .object({
    all: z.boolean().optional().openapi({
      description:
        'Every active store of every platform. Must be said: a body naming nothing is refused. Alone: not with platforms, stores or stale_days.',
      example: true,
    }),
    platforms: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'Slugs of the platforms whose stores to verify.', example: ['alpha-mall'] }),
    stores: z
      .array(
        z.object({ platform: z.string().min(1).max(64), seller_id: z.string().regex(SELLER_ID) }).strict(),
      )
      .min(1)
      .max(1000)
      .optional()
      .openapi({ description: 'Individual stores to verify.' }),
    stale_days: z
      .number()
      .int()
      .min(0)
      .max(3650)
      .optional()
      .openapi({ description: 'Only stores not verified within this many days.', example: 30 }),
  })
  .strict()
  .openapi('CrawlRequest', {
    description:
      'What to crawl: platforms, stores and/or stale_days (each narrows the active stores), or `"all": true` alone. `{}` is refused (400).',
    example: { platforms: [EX.platform], stale_days: 30 },
  });

export const CrawlProgressSchema = z
  .object({
    crawl_id: z.string(),
    status: z.enum(CRAWL_STATES).openapi({
      description:
        'queued, running, done, failed, or cancelled (POST .../cancel): a crawl cancelled while running has `finished_at` null until the stores that were in flight are recorded.',
    }),
    total: z.number().int().openapi({ description: 'Stores the crawl covers.' }),
    done: z.number().int(),
    compliant: z.number().int(),
    violations: z.number().int().openapi({ description: 'identity_missing plus identity_mismatch.' }),
    mark_violations: z.number().int().openapi({
      description:
        'Stores where a trust mark was found not genuine (forged, copied, lookalike issuer, self-hosted, expired, revoked), whatever the identity verdict.',
    }),
    inconclusive: z.number().int(),
    verdicts: z.record(z.string(), z.number().int()),
    pages_per_second: z.number().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi('CrawlProgress');

const ActorSchema = z
  .object({
    actor: z.string().openapi({
      description:
        "As recorded: 'regulator:<id>', 'cli', 'schedule' (the server's scheduled crawls), 'list:<entry id>' (a listed subject's stores).",
      example: 'regulator:3',
    }),
    name: z.string().nullable().openapi({ description: "The regulator's name; null for the others." }),
  })
  .openapi('CrawlActor');

export const CrawlSchema = CrawlProgressSchema.extend({
  scope: z
    .object({
      all: z.literal(true).optional(),
      platforms: z.array(z.string()).optional(),
      stores: z.array(z.object({ platform: z.string(), seller_id: z.string() })).optional(),
      stale_days: z.number().int().optional(),
    })
    .openapi({ description: 'What the crawl was asked to cover, as a CrawlRequest names it.' }),
  started_by: ActorSchema,
  cancelled_at: z.string().nullable(),
  // A union, not .nullable(): the generator writes a nullable reference as allOf [ref, null], which no null matches.
  cancelled_by: z.union([ActorSchema, z.null()]),
}).openapi('Crawl', { example: CRAWL_EXAMPLE });

export const CrawlListSchema = z
  .object({
    crawls: z.array(CrawlSchema),
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .openapi('CrawlList', {
    example: {
      crawls: [CRAWL_EXAMPLE],
      next_cursor: 'MjAyNi0wMy0wMlQwMTowMDowMC40MTJafDAxSlE1QTdDOUUxRzNKNUs3TTlQMVIzVDVW',
    },
  });

export const CrawlResultFilterSchema = z.object({
  verdict: z
    .enum([...VERDICTS, 'unvisited'])
    .optional()
    .openapi({
      description: "Only stores with this verdict; 'unvisited' for those the crawl has not visited.",
    }),
  reason: z
    .string()
    .regex(/^[a-z_]{1,64}$/)
    .optional()
    .openapi({ description: 'Only stores with this reason (see Verification.reason).', example: 'captcha' }),
});

export const CrawlResultSchema = z
  .object({
    platform: z.string().openapi({ description: "The platform's slug." }),
    seller_id: z.string(),
    store_name: z.string(),
    store_url: z.string(),
    verdict: z.enum(VERDICTS).nullable().openapi({ description: 'null: not visited (yet).' }),
    reason: z.string().nullable(),
    verification_id: z.string().nullable().openapi({
      description: 'Its evidence: GET /v1/regulator/stores/{platform}/{seller_id}/verifications.',
    }),
    finished_at: z.string().nullable(),
  })
  .openapi('CrawlResult', { example: CRAWL_RESULT_EXAMPLE });

export const CrawlResultsSchema = z
  .object({
    crawl_id: z.string(),
    results: z.array(CrawlResultSchema),
    next_cursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .openapi('CrawlResults', {
    example: { crawl_id: EX.crawlId, results: [CRAWL_RESULT_EXAMPLE], next_cursor: 'b3JkOjEwMA' },
  });

const TallySchema = z.object({
  visits: z.number().int(),
  verdicts: z.record(z.string(), z.number().int()),
  reasons: z.record(z.string(), z.number().int()),
  statuses: z.record(z.string(), z.number().int()),
  retries: z.number().int(),
  browser: z.number().int(),
});

export const CrawlStatsSchema = z
  .object({ crawl_id: z.string(), overall: TallySchema, hosts: z.record(z.string(), TallySchema) })
  .openapi('CrawlStats', { example: CRAWL_STATS_EXAMPLE });

const EvidenceSchema = z.object({
  kind: z.enum(['raw', 'rendered', 'screenshot', 'license_image', 'ocr']),
  sha256: z.string(),
  size: z.number().int(),
  media_type: z.string(),
  url: z.string().openapi({ description: 'Where to download it.' }),
});

export const VerificationSchema = z
  .object({
    id: z.string(),
    crawl_id: z.string().nullable(),
    seller_version: z
      .number()
      .int()
      .openapi({ description: 'The version of the filing the page was compared with.' }),
    url: z.string(),
    final_url: z.string().nullable(),
    status: z.number().int().nullable(),
    verdict: z.enum(['compliant', 'identity_missing', 'identity_mismatch', 'inconclusive']),
    reason: z.string().optional().openapi({
      description:
        'Why the verdict is inconclusive: unreachable, timeout, blocked_by_robots, robots_unavailable, http_error, store_closed, too_many_redirects, not_html, too_large, captcha, image_only, legacy_registration_number, license_link_unverified, render_failed, extraction_failed.',
    }),
    detail: z.string(),
    mode: z.enum(['static', 'browser']),
    found: z.record(z.string(), z.unknown()),
    comparison: z.object({
      name: z.enum(['match', 'mismatch', 'absent', 'not_filed']),
      uscc: z.enum(['match', 'mismatch', 'invalid_check_character', 'absent', 'not_filed']),
      filed: z.object({ name: z.string(), uscc: z.string().nullable() }),
      shown: z.object({ name: z.string().nullable(), uscc: z.string().nullable() }),
    }),
    evidence: z.array(EvidenceSchema),
    visits: z.array(z.record(z.string(), z.unknown())),
    retries: z.number().int(),
    truncated: z.boolean(),
    crawler: z.object({ name: z.string(), version: z.string(), user_agent: z.string() }),
    browser: z.object({ version: z.string() }).optional(),
    started_at: z.string(),
    finished_at: z.string(),
  })
  .passthrough()
  .openapi('Verification', { example: VERIFICATION_EXAMPLE });

export const StoreVerificationsSchema = z
  .object({ platform: z.string(), seller_id: z.string(), verifications: z.array(VerificationSchema) })
  .openapi('StoreVerifications', {
    example: { platform: EX.platform, seller_id: EX.sellerId, verifications: [VERIFICATION_EXAMPLE] },
  });

export const EpisodeSchema = z
  .object({
    id: z.string(),
    about: z.enum(['identity', 'mark']),
    mark: z
      .string()
      .nullable()
      .openapi({ description: "The mark's issuer and id (or address); null for the identity." }),
    violation: z.string().openapi({
      description:
        'What was found: identity_missing, identity_mismatch/<field>[/<code shown>], or a mark verdict.',
      example: 'identity_mismatch/uscc/91110108795101314G',
    }),
    kind: z.string(),
    severity: z.enum(['minor', 'moderate', 'serious']),
    opened_at: z.string(),
    last_seen_at: z.string(),
    closed_at: z.string().nullable(),
    close_reason: z.enum(['resolved', 'replaced', 'gone']).nullable(),
    seen: z.number().int().openapi({ description: 'Verifications that found it.' }),
    verifications: z.array(
      z.object({
        verification_id: z.string(),
        credit_event_id: z
          .string()
          .nullable()
          .openapi({ description: 'The credit event this verification wrote for the episode, if any.' }),
      }),
    ),
  })
  .openapi('ViolationEpisode', { example: EPISODE_EXAMPLE });

export const StoreEpisodesSchema = z
  .object({ platform: z.string(), seller_id: z.string(), episodes: z.array(EpisodeSchema) })
  .openapi('StoreEpisodes', {
    example: { platform: EX.platform, seller_id: EX.sellerId, episodes: [EPISODE_EXAMPLE] },
  });
