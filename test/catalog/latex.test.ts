import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanMarkup } from '../../src/catalog/latex.ts';

describe('cleanMarkup', () => {
  // Inputs are real snippets from the seed page and the 2020 conference exports.
  it.each([
    // Math delimiters and Greek letters.
    ['$\\beta$-Intact-VAE', 'β-Intact-VAE'],
    ['assume $d$ dimensional node representations', 'assume d dimensional node representations'],
    ['$O(n^2)$ time', 'O(n^2) time'],
    ['a $\\Delta$ and $\\Omega$', 'a Δ and Ω'],
    ['$\\alpha$, $\\omega$, $\\epsilon$', 'α, ω, ε'],
    ['comparable $\\ell_{\\infty}$ certified robustness', 'comparable ℓ_∞ certified robustness'],
    ['of size $\\mathcal{O}(\\sqrt{d})$', 'of size O(√d)'],
    ['a lower bound of $\\Theta(\\sqrt{n})$', 'a lower bound of Θ(√n)'],
    ['\\textbf{$2.7 \\times$} faster', '2.7 × faster'],
    ['with $ {1}/{48} $ encoder parameters', 'with 1/48 encoder parameters'],
    ['neural GA$^2$M', 'neural GA^2M'],
    ['$x \\leq y$, $x \\geq y$, $x \\approx y$', 'x ≤ y, x ≥ y, x ≈ y'],
    ['$x \\sim p$, $a \\cdot b$, $x \\in X$, $a \\rightarrow b$', 'x ∼ p, a · b, x ∈ X, a → b'],
    ['$\\mathbb{R}^{k \\times n}$', 'ℝ^(k × n)'],
    ['$\\tilde{O}({\\frac{SA}{\\epsilon^2(1-\\gamma)^7}})$', 'Õ(SA/(ε^2(1-γ)^7))'],
    ['$O\\left(\\left(Md+d\\log \\log d\\right)\\log T\\right)$', 'O((Md+d log log d) log T)'],
    ['$\\|\\nabla J\\|_2$', '‖∇ J‖_2'],
    ['relevant snippets (\\(RelSnip\\))', 'relevant snippets (RelSnip)'],
    // A lone dollar is money, not math.
    ['it costs $5 per hour', 'it costs $5 per hour'],
    // Text commands keep their argument.
    ['called \\texttt{AdaAug} to', 'called AdaAug to'],
    ['take \\emph{numerical} node features', 'take numerical node features'],
    ['\\textit{AutoAugment} and \\textbf{bold}', 'AutoAugment and bold'],
    ['dubbed as \\textsc{QDrop} is', 'dubbed as QDrop is'],
    ['propose \\textit{\\textbf{f}}airness', 'propose fairness'],
    ['$\\mathbf{A}$ and $\\mathcal{L}$', 'A and L'],
    ['for {\\it any monotone transform} of', 'for any monotone transform of'],
    ['({\\em e.g.,} novelty detection', '(e.g., novelty detection'],
    ['outperform BERT\\textsubscript{Base} on GLUE', 'outperform BERT Base on GLUE'],
    // URLs.
    [
      'Our code is available at \\url{https://github.com/Alibaba-AAIG/Beyond-ImageNet-Attack}.',
      'Our code is available at https://github.com/Alibaba-AAIG/Beyond-ImageNet-Attack.',
    ],
    [
      'open source on \\href{https://github.com/victordibia/neuralqa}{Github}.',
      'open source on Github (https://github.com/victordibia/neuralqa).',
    ],
    [
      'framework\\footnote{\\url{https://github.com/wenhuchen/KGPT}}.',
      'framework (https://github.com/wenhuchen/KGPT).',
    ],
    ['see https://example.org/a--b_c~d.', 'see https://example.org/a--b_c~d.'],
    // Quotes, dashes, escapes, accents.
    ["We first ``tokenize'' the image", 'We first “tokenize” the image'],
    ['Reward hacking---where agents', 'Reward hacking—where agents'],
    ['reaching distance -- the distance', 'reaching distance – the distance'],
    ['75.3\\% top-1 accuracy', '75.3% top-1 accuracy'],
    ['R\\&D and \\#1', 'R&D and #1'],
    ["the sliced Cram\\'{e}r distance", 'the sliced Cramér distance'],
    ["the Erd\\H{o}s -- R\\'{e}nyi graph", 'the Erdős – Rényi graph'],
    ['Polyak-\\L{}ojasiewicz condition', 'Polyak-Łojasiewicz condition'],
    ['i.i.d.\\ sampling', 'i.i.d. sampling'],
    ['is \\textless  60\\%', 'is < 60%'],
    // Citations disappear with the space before them.
    [
      'training speed of BERT~\\citep{devlin2018bert}. Comprehensive',
      'training speed of BERT. Comprehensive',
    ],
    ['proposed in~\\citep{daskalakis2017training} for', 'proposed in for'],
    // `~` between numbers means "about", not a LaTeX tie.
    ['throughput (1.7×~28.5×) while', 'throughput (1.7×~28.5×) while'],
    // Unknown commands keep their word.
    ['on the GLUE, RACE, and \\squad benchmarks', 'on the GLUE, RACE, and squad benchmarks'],
    ['Partial Attribute De-correlation (\\pad)', 'Partial Attribute De-correlation (pad)'],
    // Ligatures and whitespace from PDFs.
    ['e\uFB03cient ﬁne-tuning with ﬂows', 'efficient fine-tuning with flows'],
    ['line one\r\nline two\n\n  line three\t end ', 'line one line two line three end'],
    ['zero\u200Bwidth', 'zerowidth'],
    // Broken markup still ends.
    ['\\emph{unclosed group', 'unclosed group'],
    ['trailing backslash \\', 'trailing backslash'],
    ['{{{{nested}}}}', 'nested'],
  ])('%j → %j', (input, expected) => {
    expect(cleanMarkup(input)).toBe(expected);
  });

  it('leaves plain text as it is, apart from whitespace', () => {
    const plain = fc.stringMatching(/^[A-Za-z0-9 ,.;:!?()\n-]*$/).filter((s) => !s.includes('--'));
    fc.assert(
      fc.property(plain, (text) => {
        expect(cleanMarkup(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
    );
  });

  it('never throws and always returns single-spaced, trimmed text', () => {
    const markupy = fc.string({
      unit: fc.constantFrom(
        '\\',
        '{',
        '}',
        '$',
        '^',
        '_',
        '`',
        "'",
        '-',
        '~',
        'a',
        ' ',
        '\n',
        'emph',
        'frac',
        'url',
      ),
      maxLength: 60,
    });
    fc.assert(
      fc.property(markupy, (text) => {
        const cleaned = cleanMarkup(text);
        expect(cleaned).toBe(cleaned.trim());
        expect(cleaned).not.toMatch(/\s\s/);
      }),
    );
  });

  it('stays fast on a megabyte of deeply nested, unclosed markup', () => {
    const started = performance.now();
    const cleaned = cleanMarkup('a_{\\emph{'.repeat(100_000));
    expect(cleaned.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
