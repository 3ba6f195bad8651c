import { MAX_QUERY_LENGTH } from './intent.ts';

/**
 * What a page of results was asked for. It travels in the Prev / Next buttons' `value`,
 * because a click on an ephemeral message carries no copy of the message (SLACK.md).
 */
export type ResultsRequest =
  | { kind: 'search'; query: string; page: number }
  | { kind: 'author'; name: string; page: number }
  /** One person, by identity key (after a pick from a list or a "did you mean"). */
  | { kind: 'person'; key: string; page: number }
  | { kind: 'sessions'; which: 'now' | 'next' | 'today'; page: number }
  /** A topic among one person's posters: "diffusion papers by Yi Tay". */
  | { kind: 'topic_author'; query: string; name: string; page: number };

export function encodeRequest(request: ResultsRequest): string {
  switch (request.kind) {
    case 'search':
      return JSON.stringify({
        k: 's',
        q: request.query.slice(0, MAX_QUERY_LENGTH),
        p: request.page,
      });
    case 'author':
      return JSON.stringify({
        k: 'a',
        q: request.name.slice(0, MAX_QUERY_LENGTH),
        p: request.page,
      });
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
  const { k, q, n, p } = raw as Record<string, unknown>;
  if (typeof q !== 'string' || typeof p !== 'number' || !Number.isInteger(p) || p < 0) {
    return undefined;
  }
  const text = q.slice(0, MAX_QUERY_LENGTH);
  if (k === 's') return { kind: 'search', query: text, page: p };
  if (k === 'a') return { kind: 'author', name: text, page: p };
  if (k === 'p') return { kind: 'person', key: text, page: p };
  if (k === 't' && typeof n === 'string') {
    return { kind: 'topic_author', query: text, name: n.slice(0, MAX_QUERY_LENGTH), page: p };
  }
  if (k === 'n' && (q === 'now' || q === 'next' || q === 'today')) {
    return { kind: 'sessions', which: q, page: p };
  }
  return undefined;
}
