/**
 * Hostile text for property-based tests: what a user can type into `/poster` or an @mention,
 * and what a button value can carry once a client tampers with it. Every run is reproducible:
 * properties use `PROPERTY_SEED`, and the long inputs are fixed strings, not random ones.
 */
import fc from 'fast-check';

/** One seed for every property, so CI sees the same inputs each time (change it to explore). */
export const PROPERTY_SEED = 20_220_425;

/** Runs per property: enough to meet every fragment below many times, cheap enough for `npm test`. */
export const PROPERTY_RUNS = 300;

/** `fc.assert` parameters shared by every property of test/robustness. */
export const PROPERTY_PARAMS = { numRuns: PROPERTY_RUNS, seed: PROPERTY_SEED } as const;

/**
 * Pieces that have broken chat bots before: Slack control sequences (which ping people when
 * echoed unescaped), mrkdwn marks, HTML, entities, control and bidi characters, lone surrogates,
 * emoji sequences, and words the intent parser and the seed's index react to.
 */
export const HOSTILE_FRAGMENTS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0123|@team>',
  '<!date^1650000000^{date}|x>',
  '<@U1>',
  '<@U0BOT0001>',
  '<@U123|bob>',
  '<#C1|general>',
  '<https://evil.example|click>',
  '<mailto:a@b.c>',
  '<',
  '>',
  '<!',
  '<@',
  '&',
  '&amp;',
  '&lt;!channel&gt;',
  '*',
  '_',
  '~',
  '`',
  '```',
  '*_~`',
  '<b>bold</b>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r\n',
  '\t',
  '\u2028',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\udbff\udfff',
  '😀',
  '👩‍👩‍👧‍👦',
  '🇫🇷',
  'é',
  'e\u0301',
  'ﬁ',
  'Ｗｉｄｅ',
  '漢字',
  'مرحبا',
  ':wave:',
  'https://iclr.cc/virtual/2022/poster/6041',
  'help',
  'author',
  'author:',
  'by',
  'by:',
  'papers by',
  'who works on',
  'what is',
  'presenting?',
  'now',
  'next',
  'today',
  'robot',
  'control',
  'transformer',
  'graph neural',
  'Edward Hu',
  'Hu',
  'Jayaraman',
  '?',
  ' ',
  '  ',
] as const;

/** Any code unit at all, lone surrogates included (`fc.string` alone rarely makes those). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Random text up to `maxLength` units: fragments, any code units and any code points mixed. */
export function hostileText(maxLength = 300): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    { weight: 1, arbitrary: codeUnit },
  );
  return fc
    .array(piece, { maxLength: 40 })
    .map((pieces) => pieces.join(pieces.length % 3 === 0 ? '' : ' ').slice(0, maxLength));
}

/**
 * Long inputs a real user can paste (Slack allows messages of 40,000 characters): checked one
 * by one, since a handful of fixed cases says as much as hundreds of random ones.
 */
export const LONG_INPUTS: readonly { name: string; text: string }[] = [
  { name: '10,000 × one letter', text: 'x'.repeat(10_000) },
  { name: '1,000 × <!channel>', text: '<!channel>'.repeat(1_000) },
  { name: '2,500 emoji', text: '😀'.repeat(2_500) },
  { name: '10,000 lone surrogates', text: '\ud800'.repeat(10_000) },
  { name: '1,000 words that match', text: 'robot control '.repeat(770).slice(0, 10_000) },
  { name: '10,000 control characters', text: '\u0000\u001b\u202e\u200b'.repeat(2_500) },
  {
    name: 'every fragment, repeated to 10,000 characters',
    text: HOSTILE_FRAGMENTS.join(' ').repeat(30).slice(0, 10_000),
  },
];
