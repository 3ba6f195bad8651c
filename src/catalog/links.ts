/**
 * From a pasted link to the paper it is about, for link unfurling (issue 13). Pure: the
 * papers are an argument. A link resolves
 *
 * - by OpenReview id: `openreview.net/forum?id=X` or `/pdf?id=X` (a `noteId` points into the
 *   same forum), X being the id of a paper's forum link — or, for ICLR, whose Mini-Conf data
 *   keys papers by their OpenReview id, the paper's `uid`;
 * - by a Mini-Conf virtual site's poster page, `…/poster_<uid>.html` or `…/paper_<uid>.html`
 *   (the page name is all a link shares with the data), when exactly one paper has that uid:
 *   `main.8` is a paper of ACL 2020 and another of EMNLP 2020, and the host that would tell
 *   them apart is not in the data;
 * - by an exact URL in the data, once both are normalised: a poster page of the virtual site
 *   (`iclr.cc/virtual/2022/poster/6041`), a forum, a paper's own link; an ACL Anthology page
 *   and its PDF (`…/2020.acl-main.8` and `…/2020.acl-main.8.pdf`) are the same paper.
 *
 * Normalising ignores the scheme, the host's case and a leading `www.`, a trailing slash, the
 * fragment, tracking parameters (`utm_*`, `fbclid`, …) and the order of the others. Anything
 * else — another site, a paper the catalog does not hold — resolves to nothing.
 */
import type { Paper } from './types.ts';

/** Slack registers at most five unfurl domains per app. */
export const MAX_UNFURL_DOMAINS = 5;

const OPENREVIEW_HOST = 'openreview.net';
const OPENREVIEW_PATHS = new Set(['/forum', '/pdf']);
/** OpenReview note ids: letters, digits, `_` and `-` (e.g. `o0ehFykKVtr`, `W9G_ImpHlQd`). */
const OPENREVIEW_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Query parameters that only say where a link was shared from. */
const TRACKING = /^(?:utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|si)$/i;
/** A Mini-Conf poster page: `/virtual_2020/poster_B1xSperKvH.html`, `/paper_main.8.html`. */
const MINI_CONF_PAGE = /\/(?:poster|paper)_([^/]{1,100})\.html$/;
/** Conferences reviewed on OpenReview, whose Mini-Conf uids are OpenReview ids. */
const OPENREVIEW_CONFERENCE = /^ICLR\b/i;

/** ACL Anthology hosts: a paper's page and its PDF differ by `.pdf`. */
const ANTHOLOGY_HOSTS = new Set(['aclweb.org', 'aclanthology.org']);

/** A parsed http(s) URL, or undefined for anything else (Slack links are `http`/`https`). */
function parse(raw: string): URL | undefined {
  const text = raw.trim();
  if (!/^https?:\/\//i.test(text) || text.length > 3000) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** The host as compared: lower case (URL does that), without `www.`. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^www\./, '');
}

/**
 * The comparable form of a link: `host/path?sorted-params`, no scheme, no fragment, no
 * trailing slash, no tracking parameters; undefined when it is not an http(s) URL.
 */
export function normaliseUrl(raw: string): string | undefined {
  const url = parse(raw);
  if (!url) return undefined;
  const host = hostOf(url);
  let path = url.pathname.replace(/\/+$/, '');
  if (ANTHOLOGY_HOSTS.has(host)) path = path.replace(/\.pdf$/i, '');
  const params = [...url.searchParams]
    .filter(([key]) => !TRACKING.test(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  return `${host}${path}${query ? `?${query}` : ''}`;
}

/** The OpenReview id a forum or PDF link names; undefined for any other link. */
export function openReviewId(raw: string): string | undefined {
  const url = parse(raw);
  if (!url || hostOf(url) !== OPENREVIEW_HOST) return undefined;
  if (!OPENREVIEW_PATHS.has(url.pathname.replace(/\/+$/, ''))) return undefined;
  const id = url.searchParams.get('id') ?? '';
  return OPENREVIEW_ID.test(id) ? id : undefined;
}

/** The uid a namespaced id carries (`iclr2020:B1xSperKvH` → `B1xSperKvH`; see catalog/paper.ts). */
function uidOf(paper: Paper): string | undefined {
  const colon = paper.id.indexOf(':');
  return colon > 0 ? paper.id.slice(colon + 1) : undefined;
}

/** A percent-encoded path part, decoded; as it is when malformed (`%E0`). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The links a paper is known by in the data. */
function linksOf(paper: Paper): string[] {
  return [paper.posterUrl, paper.forumUrl, paper.paperUrl].filter(
    (url): url is string => url !== undefined,
  );
}

export interface LinkResolver {
  /** The paper a link is about, or undefined. */
  resolve(url: string): Paper | undefined;
  /**
   * The domains of the catalog's links, most common first, at most `MAX_UNFURL_DOMAINS`:
   * what the app's `unfurl_domains` should list for this data.
   */
  domains(): string[];
}

export function createLinkResolver(papers: readonly Paper[]): LinkResolver {
  const byUrl = new Map<string, Paper>();
  const byOpenReviewId = new Map<string, Paper>();
  const hostCounts = new Map<string, number>();
  /** uid → its paper, or null when several papers share it (across conferences). */
  const byUid = new Map<string, Paper | null>();
  const count = (host: string) => hostCounts.set(host, (hostCounts.get(host) ?? 0) + 1);
  for (const paper of papers) {
    const uid = uidOf(paper);
    if (uid !== undefined) byUid.set(uid, byUid.has(uid) ? null : paper);
    for (const link of linksOf(paper)) {
      const key = normaliseUrl(link);
      if (key === undefined) continue;
      // The first paper to claim a link keeps it (the catalog's order).
      if (!byUrl.has(key)) byUrl.set(key, paper);
      count(key.split('/')[0]!);
    }
    const fromForum = paper.forumUrl === undefined ? undefined : openReviewId(paper.forumUrl);
    const fromUid =
      fromForum === undefined &&
      uid !== undefined &&
      OPENREVIEW_ID.test(uid) &&
      OPENREVIEW_CONFERENCE.test(paper.conference ?? '')
        ? uid
        : undefined;
    const id = fromForum ?? fromUid;
    if (id !== undefined && !byOpenReviewId.has(id)) byOpenReviewId.set(id, paper);
    // A forum link counted its host above; an id without one is on OpenReview all the same.
    if (fromUid !== undefined) count(OPENREVIEW_HOST);
  }

  return {
    resolve(url) {
      const id = openReviewId(url);
      if (id !== undefined) return byOpenReviewId.get(id);
      const key = normaliseUrl(url);
      if (key === undefined) return undefined;
      const exact = byUrl.get(key);
      if (exact !== undefined) return exact;
      const page = MINI_CONF_PAGE.exec(key.split('?')[0]!);
      return page ? (byUid.get(decoded(page[1]!)) ?? undefined) : undefined;
    },
    domains() {
      return [...hostCounts]
        .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
        .slice(0, MAX_UNFURL_DOMAINS)
        .map(([host]) => host);
    },
  };
}
