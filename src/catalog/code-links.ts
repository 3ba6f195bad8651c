/**
 * Code repositories mentioned in abstracts ("Code is available at https://github.com/…"),
 * surfaced as a "Code" link on a card. Project websites and papers are not code.
 */

/** Hosts (and their subdomains, e.g. gist.github.com) that serve code, notebooks or models. */
const CODE_HOSTS = [
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'huggingface.co',
  'colab.research.google.com',
  'codeberg.org',
  'gitee.com',
  'sourceforge.net',
  'anonymous.4open.science',
  'git.io',
] as const;

const URL_PATTERN = /https?:\/\/[^\s<>"'`{}|\\^]+/g;
/** Sentence punctuation glued to a URL: `… at https://github.com/x/y.` */
const TRAILING_PUNCTUATION = /[.,;:!?*”’»)\]}]+$/;

/**
 * Code URLs found in `text`, in order of appearance, without duplicates and without the
 * trailing punctuation of the sentence they end (a closing parenthesis is kept when the URL
 * opened one). Expects cleaned text (`\url{…}` already unwrapped by cleanMarkup).
 */
export function extractCodeUrls(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    if (isCodeUrl(url) && !found.includes(url)) found.push(url);
  }
  return found;
}

function trimUrl(raw: string): string {
  let url = raw.replace(TRAILING_PUNCTUATION, '');
  // Give back closing parentheses that balance an opening one inside the URL.
  let rest = raw.slice(url.length);
  while (rest.startsWith(')') && count(url, '(') > count(url, ')')) {
    url += ')';
    rest = rest.slice(1);
  }
  return url;
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

/** True for a URL on a code host that points somewhere below the host's home page. */
function isCodeUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const onCodeHost = CODE_HOSTS.some((code) => host === code || host.endsWith(`.${code}`));
  return onCodeHost && parsed.pathname.replace(/\/+$/, '') !== '';
}
