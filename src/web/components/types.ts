/** JSON shapes of the endpoints the web apps read (the server owns the definitions). */

/** `GET /api/site`: site-wide configuration shown in the footer. */
export interface SiteInfo {
  siteName: string;
  sponsor: string;
  techSupport: string;
  siteCode: string;
  icp: string;
  psb: string;
  contactPhone: string;
  contactEmail: string;
}

/** `GET /api/platform/me` and `GET /api/portal/me`. */
export type Me = { loggedIn: false } | { loggedIn: true; displayName: string };
