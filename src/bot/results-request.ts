import { decodeFacets, encodeFacets, type Facets, hasFacets } from './facets.ts';
import { MAX_QUERY_LENGTH } from './intent.ts';

/**
 * What a page of results was asked for. It travels in the Prev / Next buttons' `value`,
 * because a click on an ephemeral message carries no copy of the message (SLACK.md).
 */
export type ResultsRequest =
  | { kind: 'search'; query: string; page: number; facets?: Facets }
  | { kind: 'author'; name: string; page: number; facets?: Facets }
  /** Every poster with these facets ("what are the orals?"). */
  | { kind: 'posters'; facets: Facets; page: number }
  /** One person, by identity key (after a pick from a list or a "did you mean"). */
  | { kind: 'person'; key: string; page: number }
  | { kind: 'sessions'; which: 'now' | 'next' | 'today'; page: number }
  /** A topic among one person's posters: "diffusion papers by Yi Tay". */
  | { kind: 'topic_author'; query: string; name: string; page: number; facets?: Facets };

export function encodeRequest(request: ResultsRequest): string {
  switch (request.kind) {
    case 'search':
      return JSON.stringify({
        k: 's',
        q: request.query.slice(0, MAX_QUERY_LENGTH),
        p: request.page,
        ...facetsField(request.facets),
      });
    case 'author':
      return JSON.stringify({
        k: 'a',
        q: request.name.slice(0, MAX_QUERY_LENGTH),
        p: request.page,
        ...facetsField(request.facets),
      });
    case 'posters':
      return JSON.stringify({ k: 'f', q: '', p: request.page, f: encodeFacets(request.facets) });
    case 'person':
      return JSON.stringify({ k: 'p', q: request.key.slice(0, MAX_QUERY_LENGTH), p: request.page });
    case 'sessions':
      return JSON.stringify({ k: 'n', q: request.which, p: request.page });
    case 'topic_author':
      return JSON.stringify({
        k: 't',
        q: request.query.slice(0, MAX_QUERY_LENGTH),
        n: request.name.slice(0, MAX_QUERY_LENGTH),
        p: request.page,
        ...facetsField(request.facets),
      });
  }
}

/** Parses a button value; undefined for anything malformed (values come from the client). */
export function decodeRequest(value: string): ResultsRequest | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { k, q, n, p, f } = raw as Record<string, unknown>;
  if (typeof q !== 'string' || typeof p !== 'number' || !Number.isInteger(p) || p < 0) {
    return undefined;
  }
  const facets = f === undefined ? {} : typeof f === 'string' ? decodeFacets(f) : undefined;
  if (!facets) return undefined;
  const withFacets = hasFacets(facets) ? { facets } : {};
  const text = q.slice(0, MAX_QUERY_LENGTH);
  if (k === 's') return { kind: 'search', query: text, page: p, ...withFacets };
  if (k === 'a') return { kind: 'author', name: text, page: p, ...withFacets };
  if (k === 'f' && hasFacets(facets)) return { kind: 'posters', facets, page: p };
  if (k === 'p') return { kind: 'person', key: text, page: p };
  if (k === 't' && typeof n === 'string') {
    const name = n.slice(0, MAX_QUERY_LENGTH);
    return { kind: 'topic_author', query: text, name, page: p, ...withFacets };
  }
  if (k === 'n' && (q === 'now' || q === 'next' || q === 'today')) {
    return { kind: 'sessions', which: q, page: p };
  }
  return undefined;
}

function facetsField(facets: Facets | undefined): { f?: string } {
  return facets && hasFacets(facets) ? { f: encodeFacets(facets) } : {};
}
