/**
 * An iCalendar (RFC 5545) writer: events in, the text of a `.ics` file out. Pure, no I/O.
 *
 * What a calendar application needs to import the file without complaint, each from the RFC:
 * CRLF line ends (§3.1), content lines folded at 75 octets with a leading space on each
 * continuation and never inside a UTF-8 character (§3.1), TEXT values escaped (`\\`, `\;`,
 * `\,`, `\n`, §3.3.11), times in UTC with a `Z` (§3.3.5, form #2), a DTSTAMP and a UID on every
 * VEVENT (§3.6.1). https://www.rfc-editor.org/rfc/rfc5545
 */

/** One VEVENT. */
export interface CalendarEvent {
  /** Globally unique and stable: the same event exported twice must have the same UID. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location?: string;
  description?: string;
  /** An http(s) link; anything else is left out (a URI value is not escaped, so not trusted). */
  url?: string;
}

export interface CalendarOptions {
  /** When the file is made: every event's DTSTAMP. */
  now: Date;
  /** The calendar's display name (X-WR-CALNAME, read by Apple, Google and Outlook). */
  name?: string;
}

/** Identifies the program that wrote the file (§3.7.3). */
export const ICS_PRODUCT_ID = '-//poster-bot//My plan//EN';

/** Octets per content line, line break excluded (§3.1). */
export const ICS_LINE_OCTETS = 75;

const CRLF = '\r\n';

/** The text of a `.ics` file holding `events`, in the order given. */
export function renderCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(options.name === undefined ? [] : [`X-WR-CALNAME:${escapeText(options.name)}`]),
  ];
  for (const event of events) lines.push(...eventLines(event, options.now));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines(event: CalendarEvent, now: Date): string[] {
  const url = httpUrl(event.url);
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(now)}`,
    `DTSTART:${utcDateTime(event.start)}`,
    `DTEND:${utcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(url ? [`URL:${url}`] : []),
    'END:VEVENT',
  ];
}

/** `20200428T050000Z`: DATE-TIME in UTC (§3.3.5). Throws on an invalid date. */
export function utcDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('ics: an event time is not a date');
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * A TEXT value (§3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`, and
 * the other control characters (not allowed in a content line, §3.1) turned into spaces.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/\p{Cc}/gu, ' ');
}

/** An http(s) URL without whitespace or control characters, else undefined. */
function httpUrl(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\/[^\s\p{Cc}]+$/iu.test(url) ? url : undefined;
}

const utf8 = new TextEncoder();

/**
 * Folds a content line into pieces of at most {@link ICS_LINE_OCTETS} octets; each
 * continuation starts with one space, which counts toward its 75 (§3.1). Cuts only between
 * code points, so a multi-byte character (é, 😀) is never split across lines.
 */
export function foldLine(line: string): string {
  if (utf8.encode(line).length <= ICS_LINE_OCTETS) return line;
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8.encode(char).length;
    const room = pieces.length === 0 ? ICS_LINE_OCTETS : ICS_LINE_OCTETS - 1;
    if (octets + size > room) {
      pieces.push(piece);
      piece = '';
      octets = 0;
    }
    piece += char;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join(`${CRLF} `);
}
