/**
 * Instants as Slack mrkdwn: date tokens every reader sees in their own time zone, and the
 * short human fallback for clients and notifications that show no tokens. Escapes what it
 * embeds, so it lives with the renderers (the domain time utilities are in src/time.ts).
 */
import { escapeMrkdwn } from './escape.ts';

/**
 * A Slack date token: every reader sees `instant` in their own time zone, and clients that
 * cannot render tokens show `fallback` (SLACK.md, "Dates"). The fallback is escaped so a `>`
 * in it cannot end the token early.
 * https://api.slack.com/reference/surfaces/formatting#date-formatting
 */
export function slackDateToken(
  instant: Date,
  fallback: string,
  format = '{date_short_pretty} {time}',
): string {
  const seconds = Math.floor(instant.getTime() / 1000);
  return `<!date^${seconds}^${format}|${escapeMrkdwn(fallback)}>`;
}

/**
 * A short human rendering of `instant` in `timeZone`, e.g. `Tue, Apr 28, 05:00 UTC`: the
 * fallback text for {@link slackDateToken} and for notifications, which show no tokens.
 */
export function formatInstant(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(instant);
}
