import { z } from 'zod';

/** `GET /api/site`: site-wide configuration shown in every footer. */
export const siteInfoResponse = z.object({
  siteName: z.string(),
  sponsor: z.string(),
  techSupport: z.string(),
  siteCode: z.string(),
  icp: z.string(),
  psb: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string(),
});
export type SiteInfo = z.infer<typeof siteInfoResponse>;

/** `GET /healthz` and `GET /readyz` (probes). */
export const healthResponse = z.object({ status: z.literal('ok') });
export const readyResponse = z.object({ status: z.literal('ready'), database: z.enum(['sqlite', 'postgres']) });
