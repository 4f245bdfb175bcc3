import { Hono } from 'hono';
import type { Gateway } from '../gateway-types.ts';
import { complaintLodgePages } from './complaint-lodge.tsx';
import { complaintTrackingPages } from './complaint-tracking.tsx';

/*
 * The consumer's complaint pages, by room:
 * - complaint-lodge.tsx: lodging (/complaints/new), its form and confirmation in complaint-lodge-form.tsx;
 * - complaint-tracking.tsx: tracking, steps and added files (/complaints/track…), the complaint's page in
 *   complaint-tracking-page.tsx;
 * - complaint-uploads.ts: evidence files sent with those forms;
 * - complaint-parts.tsx: what they share, with the steps table of the regulator's complaint page.
 */

/** Lodging and tracking a complaint: plain forms, with a signed form token instead of a session. */
export function complaintPages(gw: Gateway) {
  const app = new Hono();
  app.route('/', complaintLodgePages(gw));
  app.route('/', complaintTrackingPages(gw));
  return app;
}
