// The one list of link schemes an answer may open: the renderer keeps only these as links, main opens only these.
import { andList } from './word-lists';

/**
 * http(s) pages open in the system browser, mailto in the mail client: both are what a reader expects from a
 * link, and neither runs anything in the app. Main still validates each link in full before opening it
 * (window-policy.ts: no credentials, no look-alike hosts, only plain mail fields).
 */
export const LINK_SCHEMES = ['http', 'https', 'mailto'] as const;
export type LinkScheme = (typeof LINK_SCHEMES)[number];

/** For messages: "http, https and mailto". */
export const LINK_SCHEMES_TEXT = andList(LINK_SCHEMES);

/**
 * The scheme `url` starts with, lower-cased, when it is one of LINK_SCHEMES; otherwise null. Nothing may come
 * before the scheme and nothing may interrupt it: a browser would strip a leading space or a tab inside
 * ("java\tscript:"), so such a URL is not taken at its word but refused.
 */
export function linkScheme(url: string): LinkScheme | null {
  if (typeof url !== 'string') return null;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  return (LINK_SCHEMES as readonly string[]).includes(scheme ?? '') ? (scheme as LinkScheme) : null;
}
