/**
 * mrkdwn escaping for any text that came from a user or a data file. Slack wants exactly
 * `&`, `<`, `>` escaped (ampersand first); unescaped, `<!channel>` would ping a whole
 * channel. https://api.slack.com/reference/surfaces/formatting#escaping
 *
 * Slack has no escape for emphasis, so the emphasis characters are neutralised too (see
 * {@link neutralizeEmphasis}): a title like `A* Beam Search` inside our `*…*` would
 * otherwise end the bold early, and `\ell_1` or `~30%` start italics or strike-through.
 */
export function escapeMrkdwn(text: string): string {
  return neutralizeEmphasis(
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  );
}

/**
 * Look-alikes for mrkdwn's emphasis characters, which Slack offers no way to escape: `*`
 * (bold), `_` (italics), `~` (strike-through), `` ` `` (code). Readers see the same text;
 * Slack sees no markup.
 */
export const EMPHASIS_LOOKALIKES: Readonly<Record<string, string>> = {
  '*': '\u2217', // ∗ asterisk operator
  _: '\u02cd', // ˍ modifier letter low macron
  '~': '\u223c', // ∼ tilde operator
  '`': '\u02cb', // ˋ modifier letter grave accent
};

/** Replaces the emphasis characters of data text by {@link EMPHASIS_LOOKALIKES}. */
export function neutralizeEmphasis(text: string): string {
  return text.replace(/[*_~`]/g, (ch) => EMPHASIS_LOOKALIKES[ch] ?? ch);
}

/** Inbound Slack text arrives escaped; decode it before searching (and re-escape to echo). */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` UTF-16 code units, ending with an ellipsis when cut, at a word
 * boundary when one is near, and never inside a surrogate pair or an escape entity.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS.slice(0, max);
  let cut = max - 1;
  const space = text.lastIndexOf(' ', cut);
  if (space > cut - 20 && space > 0) cut = space;
  return `${text.slice(0, safeCut(text, cut)).trimEnd()}${ELLIPSIS}`;
}

/**
 * Moves `cut` back so that `text.slice(0, cut)` splits neither a surrogate pair nor (unless
 * `entities` is false, for raw text) an escape entity such as `&amp;`.
 */
export function safeCut(text: string, cut: number, entities = true): number {
  let at = cut;
  if (entities) {
    const amp = text.lastIndexOf('&', at - 1);
    if (amp !== -1 && amp > at - 5 && !text.slice(amp, at).includes(';')) at = amp;
  }
  const code = text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at -= 1;
  return at;
}
