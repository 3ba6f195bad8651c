import { describe, expect, it } from 'vitest';
import { extractCodeUrls } from '../../src/catalog/code-links.ts';

describe('extractCodeUrls', () => {
  it.each([
    [
      'Code is available at https://github.com/youweiliang/evit',
      ['https://github.com/youweiliang/evit'],
    ],
    // Sentence punctuation is not part of the link.
    ['Code: https://github.com/chao1224/GraphMVP.', ['https://github.com/chao1224/GraphMVP']],
    ['(see https://github.com/a/b), and', ['https://github.com/a/b']],
    [
      'at https://github.com/Alibaba-AAIG/Beyond-ImageNet-Attack}.',
      ['https://github.com/Alibaba-AAIG/Beyond-ImageNet-Attack'],
    ],
    // A parenthesis the URL itself opened stays.
    ['wiki https://github.com/a/b/wiki/Page_(x).', ['https://github.com/a/b/wiki/Page_(x)']],
    // Other code hosts, notebooks and models count as code.
    [
      'https://gitlab.com/x/y and https://bitbucket.org/x/y',
      ['https://gitlab.com/x/y', 'https://bitbucket.org/x/y'],
    ],
    ['weights at https://huggingface.co/org/model;', ['https://huggingface.co/org/model']],
    [
      'notebook: https://colab.research.google.com/github/neuralcollapse/neuralcollapse/blob/main/neuralcollapse.ipynb.',
      [
        'https://colab.research.google.com/github/neuralcollapse/neuralcollapse/blob/main/neuralcollapse.ipynb',
      ],
    ],
    ['gist https://gist.github.com/someone/abc123', ['https://gist.github.com/someone/abc123']],
    // Project websites, datasets and bare host names are not code.
    ['Project website: https://edwardshu.com/rac', []],
    ['dataset at http://noisylabels.com.', []],
    ['page https://someone.github.io/project', []],
    ['on https://github.com/.', []],
    // Each link once, in order.
    ['https://github.com/a/b and again https://github.com/a/b.', ['https://github.com/a/b']],
  ])('%j → %j', (text, urls) => {
    expect(extractCodeUrls(text)).toEqual(urls);
  });
});
