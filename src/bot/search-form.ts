/**
 * The search form ("Find a poster", issue 13): what it can filter on, built from what the
 * catalog has, what was filled in, and the filter over papers that makes. Pure: the catalog
 * and the time zone are arguments. The form itself is rendered by src/blocks/search-form.ts.
 */
import type { FormChoice, FormInput, FormOptions } from '../blocks/search-form.ts';
import type { Catalog, Decision, Paper } from '../catalog/types.ts';
import { localDate } from '../time.ts';
import { cleanInput } from './intent.ts';

/** A static select holds at most 100 options (Block Kit); option values at most 75 chars. */
const MAX_CHOICES = 100;
const MAX_VALUE = 75;
const DECISIONS: readonly Decision[] = ['Oral', 'Spotlight', 'Poster'];
const KIND_LABELS: Readonly<Record<string, string>> = {
  award: 'Award-winning',
  Oral: 'Orals',
  Spotlight: 'Spotlights',
  Poster: 'Posters',
};

/** The filters this catalog can fill, with their choices. */
export function formOptions(catalog: Catalog, timeZone: string): FormOptions {
  const used = new Set(catalog.papers.flatMap((p) => p.sessionIds));
  const sessions = catalog.sessions
    .filter((s) => used.has(s.id) && s.id.length <= MAX_VALUE)
    .sort((a, b) => (a.start ?? '').localeCompare(b.start ?? '') || a.name.localeCompare(b.name))
    .slice(0, MAX_CHOICES)
    .map((s) => ({ label: s.name, value: s.id }));
  const dates = new Set<string>();
  for (const session of catalog.sessions) {
    if (session.start && used.has(session.id)) {
      dates.add(localDate(new Date(session.start), timeZone));
    }
  }
  const days = [...dates]
    .sort()
    .slice(0, MAX_CHOICES)
    .map((date) => ({ label: dayLabel(date), value: date }));
  const kinds: FormChoice[] = [];
  if (catalog.papers.some((p) => p.award))
    kinds.push({ label: KIND_LABELS.award!, value: 'award' });
  for (const decision of DECISIONS) {
    if (catalog.papers.some((p) => p.decision === decision)) {
      kinds.push({ label: KIND_LABELS[decision]!, value: decision });
    }
  }
  return {
    sessions: sessions.length > 1 ? sessions : [],
    days: days.length > 1 ? days : [],
    // One kind for every paper filters nothing.
    kinds: kinds.length > 1 || kinds[0]?.value === 'award' ? kinds : [],
    code: catalog.papers.some((p) => p.codeUrls.length > 0),
  };
}

/** `2020-04-28` → `Tue 28 Apr` (the date is local already: formatted in UTC). */
function dayLabel(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** The form's fields as a client sent them, unchecked. */
export interface RawFormInput {
  query?: unknown;
  session?: unknown;
  day?: unknown;
  kind?: unknown;
  code?: unknown;
}

/**
 * What the form is asked to show: blank (just opened), as submitted, another page of what
 * was submitted, or the page shown again (after a Save in it) (`metadata`: the modal's
 * `private_metadata`, see {@link encodeFormInput}).
 */
export type FormRequest =
  | { kind: 'open' }
  | { kind: 'submit'; values: RawFormInput }
  | { kind: 'page'; metadata: string; page: number }
  | { kind: 'refresh'; metadata: string };

/** What a client sent, kept only where it is one of the form's own choices. */
export function readFormInput(raw: RawFormInput, options: FormOptions): FormInput {
  const pick = (value: unknown, choices: readonly FormChoice[]) =>
    typeof value === 'string' && choices.some((c) => c.value === value) ? value : undefined;
  const session = pick(raw.session, options.sessions);
  const day = pick(raw.day, options.days);
  const kind = pick(raw.kind, options.kinds);
  return {
    query: typeof raw.query === 'string' ? cleanInput(raw.query) : '',
    ...(session !== undefined && { session }),
    ...(day !== undefined && { day }),
    ...(kind !== undefined && { kind }),
    ...(raw.code === true && options.code && { code: true as const }),
  };
}

/** True when the form asks for something: words or a filter. */
export function isFilled(input: FormInput): boolean {
  return input.query !== '' || hasFilters(input);
}

function hasFilters(input: FormInput): boolean {
  return (
    input.session !== undefined ||
    input.day !== undefined ||
    input.kind !== undefined ||
    input.code === true
  );
}

/** The filters as a test over papers. */
export function formFilter(
  input: FormInput,
  catalog: Catalog,
  timeZone: string,
): (paper: Paper) => boolean {
  const dayOf = new Map(
    catalog.sessions.map((s) => [
      s.id,
      s.start ? localDate(new Date(s.start), timeZone) : undefined,
    ]),
  );
  return (paper) =>
    (input.session === undefined || paper.sessionIds.includes(input.session)) &&
    (input.day === undefined || paper.sessionIds.some((id) => dayOf.get(id) === input.day)) &&
    (input.kind === undefined ||
      (input.kind === 'award' ? paper.award !== undefined : paper.decision === input.kind)) &&
    (input.code !== true || paper.codeUrls.length > 0);
}

/** The filters in words, for the heading: "in Poster Session 9, orals, with code". */
export function describeFilters(input: FormInput, options: FormOptions): string {
  const label = (value: string | undefined, choices: readonly FormChoice[]) =>
    choices.find((c) => c.value === value)?.label;
  return [
    label(input.session, options.sessions),
    label(input.day, options.days),
    label(input.kind, options.kinds)?.toLowerCase(),
    input.code ? 'with code' : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The form's state for the modal's `private_metadata` (≤ 3,000 chars: a query of at most
 * 200 characters, three values of at most 75 and the page shown stay far below, even
 * JSON-escaped).
 */
export function encodeFormInput(input: FormInput, page = 0): string {
  return JSON.stringify(page > 0 ? { ...input, page } : input);
}

/** The page of results the metadata says is shown; 0 for anything else. */
export function decodeFormPage(text: string): number {
  try {
    const page: unknown = (JSON.parse(text) as { page?: unknown } | null)?.page;
    return Number.isInteger(page) && (page as number) > 0 && (page as number) <= 10_000
      ? (page as number)
      : 0;
  } catch {
    return 0;
  }
}

/** Parses `private_metadata` back; anything malformed is an empty form. */
export function decodeFormInput(text: string, options: FormOptions): FormInput {
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw === 'object' && raw !== null) return readFormInput(raw, options);
  } catch {
    // Not ours: start over.
  }
  return { query: '' };
}
