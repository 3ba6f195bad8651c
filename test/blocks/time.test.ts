import { describe, expect, it } from 'vitest';
import { formatInstant, slackDateToken } from '../../src/blocks/time.ts';

describe('slackDateToken', () => {
  it('renders in the reader’s time zone with a fallback, per SLACK.md', () => {
    expect(slackDateToken(new Date('2020-04-28T05:00:00Z'), 'Tue, Apr 28, 05:00 UTC')).toBe(
      '<!date^1588050000^{date_short_pretty} {time}|Tue, Apr 28, 05:00 UTC>',
    );
  });

  it('accepts another format and rounds down to whole seconds', () => {
    expect(slackDateToken(new Date('2020-04-28T05:00:00.999Z'), '05:00', '{time}')).toBe(
      '<!date^1588050000^{time}|05:00>',
    );
  });

  it('escapes the fallback so it cannot close the token or inject a mention', () => {
    expect(slackDateToken(new Date(0), 'a > b <!channel> & c')).toBe(
      '<!date^0^{date_short_pretty} {time}|a &gt; b &lt;!channel&gt; &amp; c>',
    );
  });
});

describe('formatInstant', () => {
  it.each([
    ['2020-04-28T05:00:00Z', 'UTC', 'Tue, Apr 28, 05:00 UTC'],
    ['2020-04-28T05:00:00Z', 'Asia/Tokyo', 'Tue, Apr 28, 14:00 GMT+9'],
    ['2020-04-27T20:00:00Z', 'Asia/Tokyo', 'Tue, Apr 28, 05:00 GMT+9'],
  ])('%s in %s reads %j', (iso, zone, expected) => {
    expect(formatInstant(new Date(iso), zone)).toBe(expected);
  });
});
