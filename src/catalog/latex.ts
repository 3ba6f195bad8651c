/**
 * LaTeX and copy-paste markup to readable text. Conference titles and abstracts come straight
 * from LaTeX sources (`$\beta$-Intact-VAE`, `\emph{x}`, `\url{…}`) or from PDFs (ligatures
 * such as `ﬁ`); users search and read plain words, so every parser cleans text through here.
 *
 * The cleaner is a small single-pass scanner, not a TeX engine: it keeps what a reader needs
 * (the words, Greek letters and common symbols, URLs verbatim) and drops the rest. It is
 * linear in the input (no backtracking regex), and nesting deeper than {@link MAX_DEPTH} is
 * flattened instead of recursed into, so a hostile line cannot blow the stack.
 */

/** Greek letters by command name; also used to transliterate ids (`β` → `beta`). */
export const GREEK_LETTERS = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  vartheta: 'ϑ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  omicron: 'ο',
  pi: 'π',
  varpi: 'ϖ',
  rho: 'ρ',
  varrho: 'ϱ',
  sigma: 'σ',
  varsigma: 'ς',
  tau: 'τ',
  upsilon: 'υ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Xi: 'Ξ',
  Pi: 'Π',
  Sigma: 'Σ',
  Upsilon: 'Υ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
} as const;

/** Commands that stand for one character (or a short word). */
const SYMBOLS: Readonly<Record<string, string>> = {
  ...GREEK_LETTERS,
  ell: 'ℓ',
  infty: '∞',
  times: '×',
  cdot: '·',
  cdots: '⋯',
  ldots: '…',
  dots: '…',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  ne: '≠',
  ll: '≪',
  gg: '≫',
  approx: '≈',
  sim: '∼',
  simeq: '≃',
  cong: '≅',
  equiv: '≡',
  propto: '∝',
  in: '∈',
  notin: '∉',
  subset: '⊂',
  subseteq: '⊆',
  supset: '⊃',
  supseteq: '⊇',
  cup: '∪',
  cap: '∩',
  setminus: '∖',
  emptyset: '∅',
  varnothing: '∅',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  gets: '←',
  leftrightarrow: '↔',
  Rightarrow: '⇒',
  Leftarrow: '⇐',
  Leftrightarrow: '⇔',
  implies: '⇒',
  iff: '⇔',
  mapsto: '↦',
  uparrow: '↑',
  downarrow: '↓',
  pm: '±',
  mp: '∓',
  div: '÷',
  ast: '*',
  star: '⋆',
  circ: '∘',
  bullet: '•',
  partial: '∂',
  nabla: '∇',
  forall: '∀',
  exists: '∃',
  neg: '¬',
  lnot: '¬',
  wedge: '∧',
  land: '∧',
  vee: '∨',
  lor: '∨',
  oplus: '⊕',
  otimes: '⊗',
  odot: '⊙',
  sum: '∑',
  prod: '∏',
  int: '∫',
  top: '⊤',
  bot: '⊥',
  perp: '⊥',
  parallel: '∥',
  mid: '|',
  vert: '|',
  Vert: '‖',
  lVert: '‖',
  rVert: '‖',
  lvert: '|',
  rvert: '|',
  langle: '⟨',
  rangle: '⟩',
  lfloor: '⌊',
  rfloor: '⌋',
  lceil: '⌈',
  rceil: '⌉',
  hbar: 'ℏ',
  triangleq: '≜',
  coloneqq: '≔',
  prime: '′',
  dag: '†',
  dagger: '†',
  ddag: '‡',
  S: '§',
  P: '¶',
  copyright: '©',
  textregistered: '®',
  texttrademark: '™',
  textemdash: '—',
  textendash: '–',
  textless: '<',
  textgreater: '>',
  textbar: '|',
  textasciitilde: '~',
  textbackslash: '\\',
  textdegree: '°',
  quad: ' ',
  qquad: ' ',
  newline: ' ',
  par: ' ',
  // Special letters.
  // Dotless i and j exist to carry accents (`\'{\i}`); plain letters compose cleanly.
  i: 'i',
  j: 'j',
  l: 'ł',
  L: 'Ł',
  o: 'ø',
  O: 'Ø',
  ss: 'ß',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  // Author macros common enough in abstracts to spell out.
  ie: 'i.e.',
  eg: 'e.g.',
  etal: 'et al.',
};

/** Font and style commands whose argument is the text to keep. */
const WRAPPERS = new Set([
  'text',
  'textbf',
  'textit',
  'texttt',
  'textsc',
  'textrm',
  'textsf',
  'textup',
  'textmd',
  'textnormal',
  'emph',
  'underline',
  'uline',
  'mathrm',
  'mathbf',
  'mathit',
  'mathsf',
  'mathtt',
  'mathcal',
  'mathscr',
  'mathfrak',
  'mathnormal',
  'boldsymbol',
  'bm',
  'pmb',
  'mbox',
  'hbox',
  'fbox',
  'operatorname',
  'ensuremath',
]);

/** Operator names: words in math that TeX sets apart from their neighbours (`d\log d`). */
const OPERATORS = new Set([
  'log',
  'ln',
  'exp',
  'sin',
  'cos',
  'tan',
  'max',
  'min',
  'sup',
  'inf',
  'lim',
  'det',
  'arg',
  'argmax',
  'argmin',
  'dim',
  'ker',
  'deg',
  'gcd',
  'Pr',
]);

/** Declarations and spacing commands that print nothing (`{\it x}`, `\left(`). */
const DECLARATIONS = new Set([
  'em',
  'it',
  'bf',
  'rm',
  'sf',
  'tt',
  'sc',
  'sl',
  'normalfont',
  'itshape',
  'bfseries',
  'left',
  'right',
  'big',
  'Big',
  'bigg',
  'Bigg',
  'bigl',
  'bigr',
  'Bigl',
  'Bigr',
  'displaystyle',
  'textstyle',
  'scriptstyle',
  'noindent',
  'nonumber',
  'limits',
  'centering',
  'small',
  'footnotesize',
  'large',
  'Large',
  'huge',
  'normalsize',
  'xspace',
  'protect',
]);

/** Commands dropped with their argument: citations and cross-references read as noise. */
const DROPPED_WITH_ARGUMENT = new Set([
  'cite',
  'citep',
  'citet',
  'citealp',
  'citealt',
  'citeauthor',
  'citeyear',
  'ref',
  'eqref',
  'autoref',
  'cref',
  'Cref',
  'label',
  'vspace',
  'hspace',
  'index',
]);

/** Accents, as combining marks applied to a one-letter argument (`\'{e}` → é, `\tilde{O}` → Õ). */
const ACCENTS: Readonly<Record<string, string>> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  H: '\u030B',
  c: '\u0327',
  v: '\u030C',
  u: '\u0306',
  k: '\u0328',
  r: '\u030A',
  tilde: '\u0303',
  widetilde: '\u0303',
  hat: '\u0302',
  widehat: '\u0302',
  bar: '\u0304',
  overline: '\u0304',
  dot: '\u0307',
  ddot: '\u0308',
  check: '\u030C',
  breve: '\u0306',
  acute: '\u0301',
  grave: '\u0300',
  vec: '\u20D7',
};

/** `\mathbb{R}` and friends. Other letters stay plain. */
const BLACKBOARD: Readonly<Record<string, string>> = {
  R: 'ℝ',
  N: 'ℕ',
  Z: 'ℤ',
  Q: 'ℚ',
  C: 'ℂ',
  P: 'ℙ',
  H: 'ℍ',
};

/** Escaped characters (`\%`) and control symbols (`\,`). */
const CONTROL_SYMBOLS: Readonly<Record<string, string>> = {
  '%': '%',
  $: '$',
  '&': '&',
  '#': '#',
  _: '_',
  '{': '{',
  '}': '}',
  '|': '‖',
  '\\': ' ',
  ',': ' ',
  ';': ' ',
  ':': ' ',
  ' ': ' ',
  '\n': ' ',
  '!': '',
  '-': '',
  '/': '',
  '@': '',
  '(': '',
  ')': '',
  '[': '',
  ']': '',
};

const LIGATURES: Readonly<Record<string, string>> = {
  ﬀ: 'ff',
  ﬁ: 'fi',
  ﬂ: 'fl',
  ﬃ: 'ffi',
  ﬄ: 'ffl',
  ﬅ: 'st',
  ﬆ: 'st',
};

/** Nesting of command arguments beyond this is flattened rather than recursed into. */
const MAX_DEPTH = 16;

/** Ligatures (`ﬁ`) and invisible marks (zero-width spaces, direction marks) from web pages and PDFs. */
const PDF_ARTEFACTS = /[\uFB00-\uFB06\u200B-\u200F\u2060\uFEFF]/g;
/** Text without any of these is plain and needs no scanning. */
const MARKUP_PATTERN = /[\\${}`~^_]|''|--|https?:\/\//;
/**
 * Characters that may need work: markup, quotes and dashes, PDF artefacts, and whitespace
 * other than a plain space. One character class scans fast; text without any of them (most
 * names and keywords) is returned untouched when it also has no doubled or edge spaces.
 */
const SUSPECT_CHARACTER =
  /[\\${}`~^_'\-\uFB00-\uFB06\u200B-\u200F\u2060\uFEFF\t\n\v\f\r\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]|https?:/;
/** Whitespace other than a single plain space; replacing only these leaves most spaces alone. */
const LOOSE_WHITESPACE = /\s{2,}|[^\S ]/g;
/** Where the scanner has to look: markup characters and the start of a URL. */
const SPECIAL_PATTERN = /[\\${}`'~^_-]|https?:\/\//g;
const URL_BODY_PATTERN = /[^\s{}\\]+/y;
const LETTERS_PATTERN = /[A-Za-z]+\*?/y;

/**
 * Turns LaTeX/markup into readable text: `$\beta$-Intact-VAE` → `β-Intact-VAE`,
 * `\texttt{AdaAug}` → `AdaAug`, `\url{u}` → `u`, ``` ``x'' ``` → `“x”`, `\%` → `%`,
 * `ﬁ` → `fi`, and whitespace (newlines included) collapsed to single spaces.
 * Math delimiters are dropped only when they pair up, so a lone `$5` stays as written.
 * Unknown commands lose their backslash and keep their word (`\squad` → `squad`).
 */
export function cleanMarkup(text: string): string {
  if (isClean(text)) return text;
  const plain = text.replace(PDF_ARTEFACTS, (ch) => LIGATURES[ch] ?? '');
  // Most abstracts carry no markup at all: skip the scanner for them.
  const scanned = MARKUP_PATTERN.test(plain) ? clean(plain, 0) : plain;
  return scanned.replace(LOOSE_WHITESPACE, ' ').trim();
}

function isClean(text: string): boolean {
  return (
    !SUSPECT_CHARACTER.test(text) &&
    !text.includes('  ') &&
    !text.startsWith(' ') &&
    !text.endsWith(' ')
  );
}

function clean(source: string, depth: number): string {
  if (depth > MAX_DEPTH) return flatten(source);
  return new Scanner(source, depth).run();
}

/** Last resort for absurd nesting: keep words, drop markup characters. */
function flatten(source: string): string {
  return source.replace(/\\([A-Za-z]+)/g, '$1').replace(/[\\{}$]/g, '');
}

/**
 * One pass over a fragment. Each handler consumes source from `pos` and returns the text it
 * stands for; command arguments are cleaned by a nested scanner one level deeper.
 */
class Scanner {
  private readonly out: string[] = [];
  private pos = 0;
  /** Unescaped `$` signs still to come that have a partner; an odd last one is literal. */
  private pairedDollars: number;

  constructor(
    private readonly src: string,
    private readonly depth: number,
  ) {
    const dollars = countUnescapedDollars(src);
    this.pairedDollars = dollars - (dollars % 2);
  }

  run(): string {
    const { src } = this;
    const special = new RegExp(SPECIAL_PATTERN.source, 'g');
    while (this.pos < src.length) {
      special.lastIndex = this.pos;
      const match = special.exec(src);
      if (!match) {
        this.out.push(src.slice(this.pos));
        break;
      }
      if (match.index > this.pos) this.out.push(src.slice(this.pos, match.index));
      this.pos = match.index;
      this.out.push(match[0].length > 1 ? this.url() : this.special());
    }
    return this.out.join('');
  }

  private special(): string {
    const ch = this.src[this.pos] ?? '';
    switch (ch) {
      case '\\':
        return this.command();
      case '$':
        return this.dollar();
      case '{':
      case '}':
        // Grouping braces print nothing; their content is scanned in place.
        return this.take(1, '');
      case '^':
      case '_':
        return this.script(ch);
      case '`':
        return this.pairOr('``', '“', ch);
      case "'":
        return this.pairOr("''", '”', ch);
      case '-':
        return this.src.startsWith('---', this.pos)
          ? this.take(3, '—')
          : this.pairOr('--', '–', ch);
      case '~':
        return this.tilde();
      default:
        return this.take(1, ch);
    }
  }

  /** Advances past `length` source characters, standing for `text`. */
  private take(length: number, text: string): string {
    this.pos += length;
    return text;
  }

  /** `pair` (two characters) becomes `replacement`; a single `ch` stays itself. */
  private pairOr(pair: string, replacement: string, ch: string): string {
    return this.src.startsWith(pair, this.pos) ? this.take(2, replacement) : this.take(1, ch);
  }

  private dollar(): string {
    if (this.pairedDollars === 0) return this.take(1, '$');
    this.pairedDollars -= 1;
    return this.take(1, '');
  }

  /** URLs are copied verbatim: `--`, `_` and `~` in them are not markup. */
  private url(): string {
    URL_BODY_PATTERN.lastIndex = this.pos;
    const match = URL_BODY_PATTERN.exec(this.src);
    const length = match ? match[0].length : 1;
    return this.take(length, this.src.slice(this.pos, this.pos + length));
  }

  /** LaTeX `~` is a non-breaking space (`BERT~\citep`); elsewhere (`2×~3×`) it means "about". */
  private tilde(): string {
    const before = this.src[this.pos - 1] ?? '';
    const after = this.src[this.pos + 1] ?? '';
    const isTie = /[A-Za-z.,]/.test(before) || after === '\\';
    return this.take(1, isTie ? ' ' : '~');
  }

  /** `^{k \times n}` → `^(k × n)`; a one-character script needs no parentheses. */
  private script(ch: string): string {
    this.pos += 1;
    if (this.src[this.pos] !== '{') return ch;
    const inner = this.cleanArgument(this.readGroup()).trim();
    return `${ch}${isSingleCharacter(inner) ? inner : `(${inner})`}`;
  }

  private command(): string {
    const start = this.pos + 1;
    LETTERS_PATTERN.lastIndex = start;
    const letters = LETTERS_PATTERN.exec(this.src);
    if (!letters) {
      const symbol = this.src[start] ?? '';
      this.pos = start + symbol.length;
      const accent = ACCENTS[symbol];
      return accent ? this.accent(accent) : (CONTROL_SYMBOLS[symbol] ?? symbol);
    }
    const word = letters[0];
    this.pos = start + word.length;
    return this.namedCommand(word.endsWith('*') ? word.slice(0, -1) : word);
  }

  private namedCommand(name: string): string {
    switch (name) {
      case 'url':
        return unescapeVerbatim(this.readArgument());
      case 'href':
        return this.href();
      case 'frac':
      case 'dfrac':
      case 'tfrac':
        return this.fraction();
      case 'sqrt':
        return this.squareRoot();
      case 'textsubscript':
        // `BERT\textsubscript{Base}` is read, and searched, as "BERT Base".
        return ` ${this.cleanArgument(this.readArgument())}`;
      case 'footnote':
        return ` (${this.cleanArgument(this.readArgument())})`;
      case 'mathbb': {
        const letter = this.cleanArgument(this.readArgument());
        return BLACKBOARD[letter] ?? letter;
      }
    }
    if (WRAPPERS.has(name)) return this.cleanArgument(this.readArgument());
    const accent = ACCENTS[name];
    if (accent) return this.accent(accent);
    if (DROPPED_WITH_ARGUMENT.has(name)) {
      this.readArgument();
      // `methods~\citep{x}, which` reads `methods, which`: drop the tie before the citation.
      this.trimOutputEnd();
      return '';
    }
    if (DECLARATIONS.has(name)) {
      this.skipSpaces();
      // `\right.` closes with an invisible delimiter.
      const nullDelimiter = (name === 'left' || name === 'right') && this.src[this.pos] === '.';
      return this.take(nullDelimiter ? 1 : 0, '');
    }
    if (OPERATORS.has(name))
      return /[\p{L}\p{N})]$/u.test(this.out.at(-1) ?? '') ? ` ${name}` : name;
    return SYMBOLS[name] ?? name;
  }

  private accent(mark: string): string {
    const base = this.cleanArgument(this.readArgument());
    return isSingleCharacter(base) ? `${base}${mark}`.normalize('NFC') : base;
  }

  /** `\href{url}{text}` → `text (url)`, or just the URL when the text repeats it. */
  private href(): string {
    const url = unescapeVerbatim(this.readArgument());
    const label = this.cleanArgument(this.readArgument()).trim();
    return label === '' || label === url ? url : `${label} (${url})`;
  }

  private fraction(): string {
    const numerator = this.cleanArgument(this.readArgument()).trim();
    const denominator = this.cleanArgument(this.readArgument()).trim();
    return `${parenthesize(numerator)}/${parenthesize(denominator)}`;
  }

  /** `\sqrt[n]{x}` → `√x`; the root index is dropped by readArgument. */
  private squareRoot(): string {
    return `√${parenthesize(this.cleanArgument(this.readArgument()).trim())}`;
  }

  private cleanArgument(raw: string): string {
    return clean(raw, this.depth + 1);
  }

  /**
   * Reads one macro argument: a braced group, or else the next single token (`\'e`, `\tilde O`,
   * `\frac12`). An optional `[…]` argument before it is skipped. Returns raw source.
   */
  private readArgument(): string {
    this.skipSpaces();
    const { src } = this;
    if (src[this.pos] === '[') {
      const close = src.indexOf(']', this.pos);
      this.pos = close === -1 ? src.length : close + 1;
      this.skipSpaces();
    }
    const ch = src[this.pos];
    if (ch === undefined || ch === '}') return '';
    if (ch === '{') return this.readGroup();
    let length: number;
    if (ch === '\\') {
      LETTERS_PATTERN.lastIndex = this.pos + 1;
      const letters = LETTERS_PATTERN.exec(src);
      length = 1 + (letters ? letters[0].length : 1);
    } else {
      length = String.fromCodePoint(src.codePointAt(this.pos) ?? 0).length;
    }
    return this.take(length, src.slice(this.pos, this.pos + length));
  }

  /** Reads `{…}` at the cursor, honouring nesting and `\{`; an unclosed group runs to the end. */
  private readGroup(): string {
    const { src } = this;
    const open = this.pos;
    let level = 0;
    for (let i = open; i < src.length; i += 1) {
      const ch = src[i];
      if (ch === '\\') {
        i += 1;
      } else if (ch === '{') {
        level += 1;
      } else if (ch === '}') {
        level -= 1;
        if (level === 0) {
          this.pos = i + 1;
          return src.slice(open + 1, i);
        }
      }
    }
    this.pos = src.length;
    return src.slice(open + 1);
  }

  private skipSpaces(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos] ?? '')) this.pos += 1;
  }

  private trimOutputEnd(): void {
    while (this.out.length > 0) {
      const trimmed = (this.out[this.out.length - 1] ?? '').trimEnd();
      if (trimmed !== '') {
        this.out[this.out.length - 1] = trimmed;
        return;
      }
      this.out.pop();
    }
  }
}

function countUnescapedDollars(source: string): number {
  let count = 0;
  for (let i = source.indexOf('$'); i !== -1; i = source.indexOf('$', i + 1)) {
    if (!isEscaped(source, i)) count += 1;
  }
  return count;
}

/** True when the character at `index` is preceded by an odd number of backslashes. */
function isEscaped(source: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && source[i] === '\\'; i -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}

function unescapeVerbatim(raw: string): string {
  return raw.replace(/\\([%#&_~$])/g, '$1').trim();
}

/** One code point (an astral letter such as 𝜸 is two UTF-16 units). */
function isSingleCharacter(text: string): boolean {
  return text.length === 1 || (text.length === 2 && [...text].length === 1);
}

/** `2/(1-α)` but `1/T`: parentheses only where a reader needs them. */
function parenthesize(text: string): string {
  return /^[\p{L}\p{N}.]*$/u.test(text) && text !== '' ? text : `(${text})`;
}
