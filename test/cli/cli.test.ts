import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Replies } from '../../src/bot/types.ts';
import type { Paper } from '../../src/catalog/types.ts';
import {
  BUNDLED_DATA_DIR,
  type CliBot,
  type CliHit,
  type CliIndex,
  runCli,
} from '../../src/cli.ts';

const paper = (id: string, title: string, authors: string[], abstract: string): Paper => ({
  id,
  title,
  authors,
  abstract,
  keywords: [],
  sessionIds: ['iclr2022:poster-session-9'],
  codeUrls: [],
});

const PAPERS = [
  paper('p1', 'Graph Neural Networks Are Cool', ['Ana Lima', 'Bo Chen'], 'We study graph models.'),
  paper('p2', 'Vision Transformers at Scale', ['Cho-Jui Hsieh'], 'Attention over image patches.'),
  paper(
    'p3',
    'Graph Kernels Revisited',
    ['Dee Ray'],
    'Kernels for graph classification on graph data.',
  ),
];

/** A real, if tiny, index: score = occurrences of each query word in title and abstract. */
function createTinyIndex(papers: readonly Paper[]): CliIndex & { limits: number[] } {
  const limits: number[] = [];
  return {
    limits,
    search(query, { limit }) {
      limits.push(limit);
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      return papers
        .map((p): CliHit => {
          const text = `${p.title} ${p.abstract}`.toLowerCase();
          const score = words.reduce((sum, w) => sum + text.split(w).length - 1, 0);
          return { paper: p, score };
        })
        .filter((hit) => hit.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    },
  };
}

/** Replies that echo how they were called, as one-section messages. */
const echoReplies: Replies = {
  command: (text) => ({
    kind: 'ephemeral',
    message: {
      text: `command ${text}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*Results* for ${text}` } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Next ▸' },
              action_id: 'results_next_page',
              value: '2',
            },
          ],
        },
      ],
    },
  }),
  action: () => {
    throw new Error('the CLI never presses buttons');
  },
  mention: (text) => ({
    text: `mention ${text}`,
    blocks: [{ type: 'section', text: { type: 'plain_text', text: `mention ${text}` } }],
  }),
};

/** Runs the CLI in-process with collecting outputs and a bot over {@link PAPERS}. */
async function cli(argv: string[], env: Record<string, string> = {}, bot?: Partial<CliBot>) {
  let stdout = '';
  let stderr = '';
  const index = createTinyIndex(PAPERS);
  const dataDirs: string[] = [];
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    buildBot: async (dataDir) => {
      dataDirs.push(dataDir);
      return { index, replies: echoReplies, ...bot };
    },
  });
  return { code, stdout, stderr, dataDirs, limits: index.limits };
}

describe('runCli search', () => {
  it('prints hits best first as JSON with id, title, authors and score', async () => {
    const { code, stdout, stderr } = await cli(['search', 'graph', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual([
      { id: 'p3', title: 'Graph Kernels Revisited', authors: ['Dee Ray'], score: 3 },
      {
        id: 'p1',
        title: 'Graph Neural Networks Are Cool',
        authors: ['Ana Lima', 'Bo Chen'],
        score: 2,
      },
    ]);
  });

  it('asks for 10 hits by default and honours --limit', async () => {
    expect((await cli(['search', 'graph'])).limits).toEqual([10]);
    const limited = await cli(['search', 'graph', '--limit', '1', '--json']);
    expect(limited.limits).toEqual([1]);
    expect(JSON.parse(limited.stdout).map((hit: { id: string }) => hit.id)).toEqual(['p3']);
  });

  it('prints a numbered list for people', async () => {
    const { code, stdout } = await cli(['search', 'graph']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        '1. Graph Kernels Revisited',
        '   Dee Ray',
        '   id p3 · score 3.00',
        '2. Graph Neural Networks Are Cool',
        '   Ana Lima, Bo Chen',
        '   id p1 · score 2.00',
        '',
      ].join('\n'),
    );
  });

  it('joins an unquoted query and says when nothing matches', async () => {
    const { code, stdout } = await cli(['search', 'quantum', 'annealing']);
    expect(code).toBe(0);
    expect(stdout).toBe('No papers match “quantum annealing”.\n');
    expect(JSON.parse((await cli(['search', 'quantum', '--json'])).stdout)).toEqual([]);
  });

  it('strips control characters from titles in the list', async () => {
    const evil = paper('p9', 'Graph\u001b[2J Title', ['Eve\u0007'], '');
    const { stdout } = await cli(['search', 'graph'], {}, { index: createTinyIndex([evil]) });
    expect(stdout).toBe('1. Graph[2J Title\n   Eve\n   id p9 · score 1.00\n');
  });
});

describe('runCli ask', () => {
  it.each([
    ['/poster gnn', 'command gnn'],
    ['gnn', 'command gnn'],
    ['@poster papers by Cho-Jui Hsieh', 'mention <@UPOSTERBOT> papers by Cho-Jui Hsieh'],
  ])('routes %j like Slack and prints the Block Kit with --json', async (text, fallback) => {
    const { code, stdout } = await cli(['ask', text, '--json']);
    expect(code).toBe(0);
    const message = JSON.parse(stdout);
    expect(Object.keys(message)).toEqual(['text', 'blocks']);
    expect(message.text).toBe(fallback);
    expect(message.blocks.length).toBeGreaterThan(0);
  });

  it('renders the message for the terminal without --json', async () => {
    const { code, stdout } = await cli(['ask', '/poster', 'vision', 'transformer']);
    expect(code).toBe(0);
    expect(stdout).toBe('Results for vision transformer\n[1 Next ▸]\n');
  });

  it('refuses a slash command that is not /poster', async () => {
    const { code, stderr } = await cli(['ask', '/remind me']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^poster-bot: \/remind is not a command of this bot/);
  });
});

describe('runCli data folder', () => {
  it.each([
    [['--data', '/srv/conf'], { DATA_DIR: '/env/dir' }, '/srv/conf'],
    [[], { DATA_DIR: '/env/dir' }, '/env/dir'],
    [[], {}, BUNDLED_DATA_DIR],
  ])('search with %j and env %j loads %s', async (args, env, expected) => {
    expect((await cli(['search', 'graph', ...args], env)).dataDirs).toEqual([expected]);
  });

  it('defaults to the data folder of the repository, whatever the cwd', () => {
    expect(BUNDLED_DATA_DIR).toBe(fileURLToPath(new URL('../../data', import.meta.url)));
  });
});

describe('runCli usage and exit codes', () => {
  it.each([
    [[], 'no command given'],
    [['frob'], 'unknown command “frob”'],
    [['toString'], 'unknown command “toString”'],
    [['search'], 'search needs a query'],
    [['search', 'x', '--limit', '0'], '--limit must be a whole number from 1 to 1000, got “0”'],
    [['search', 'x', '--limit', 'ten'], '--limit must be a whole number from 1 to 1000, got “ten”'],
    // node:util's own wording; only the option is ours to check.
    [['search', 'x', '--frob'], '--frob'],
    [['search', 'x', '--limit'], '--limit'],
    [['ask'], 'ask needs the text to send'],
  ])('%j exits 2 with the problem and the usage on stderr', async (argv, problem) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const [first = ''] = stderr.split('\n');
    expect(first).toMatch(/^poster-bot: /);
    expect(first).toContain(problem);
    expect(stderr).toContain('Usage: poster-bot ');
  });

  it.each([[['help']], [['--help']], [['-h']]])(
    '%j prints the usage on stdout and exits 0',
    async (argv) => {
      const { code, stdout, stderr } = await cli(argv);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^Usage: poster-bot <command> \[options\]\n/);
      expect(stdout).toContain('poster-bot search "<query>" [--limit N] [--json] [--data DIR]');
      expect(stdout).toContain('poster-bot ask "<text as typed in Slack>" [--json] [--data DIR]');
    },
  );

  it.each([[['help', 'search']], [['search', '--help']]])(
    '%j prints the command usage',
    async (argv) => {
      const { code, stdout } = await cli(argv);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: poster-bot search "<query>"/);
    },
  );

  it('exits 1 with one line on stderr when loading the data fails', async () => {
    let stderr = '';
    const code = await runCli(['search', 'graph'], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
      buildBot: () => {
        throw new Error('data/papers.csv: no such file\n    at load (loader.ts:1:1)');
      },
    });
    expect(code).toBe(1);
    expect(stderr).toBe('poster-bot: data/papers.csv: no such file\n');
  });
});
