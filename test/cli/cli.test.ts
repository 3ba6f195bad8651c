import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Replies } from '../../src/bot/types.ts';
import { loadCatalog } from '../../src/catalog/loader.ts';
import type { Paper } from '../../src/catalog/types.ts';
import {
  BUNDLED_DATA_DIR,
  type CliBot,
  type CliDeps,
  type CliHit,
  type CliIndex,
  runCli,
} from '../../src/cli.ts';
import { createAuthorIndex } from '../../src/search/author-index.ts';
import { buildSimilarData } from '../../src/similar/build.ts';
import { openSimilarIndex } from '../../src/similar/similar-index.ts';
import { openStore } from '../../src/store/store.ts';

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

/** Real neighbours over {@link PAPERS} (the `similar` command has tests of its own). */
const SIMILAR = openSimilarIndex(PAPERS, buildSimilarData(PAPERS), createAuthorIndex(PAPERS));

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

/** The real loader and in-memory stores; no Slack (a test that posts brings its own poster). */
const OFFLINE_DEPS = {
  loadCatalog,
  openStore: (_path: string, { create }: { create: boolean }) =>
    create ? openStore(':memory:') : undefined,
  createPoster: () => {
    throw new Error('this test does not post');
  },
  now: () => new Date('2020-04-28T06:00:00Z'),
  sleep: async () => {},
} satisfies Omit<CliDeps, 'stdout' | 'stderr' | 'env' | 'buildBot'>;

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
      return { index, replies: echoReplies, similar: SIMILAR, catalog: { papers: PAPERS }, ...bot };
    },
    ...OFFLINE_DEPS,
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
      ...OFFLINE_DEPS,
    });
    expect(code).toBe(1);
    expect(stderr).toBe('poster-bot: data/papers.csv: no such file\n');
  });
});

const FIXTURES = fileURLToPath(new URL('../fixtures/catalog/', import.meta.url));

describe('runCli check-data', () => {
  it('prints the summary of a folder and exits 0 when it has warnings only', async () => {
    const { code, stdout } = await cli(['check-data', BUNDLED_DATA_DIR]);
    expect(code).toBe(0);
    expect(stdout).toContain('Papers:      78');
    expect(stdout).toContain('Sessions:    1 (1 undated)');
    expect(stdout).toContain('Days:        none');
    expect(stdout).toContain('Problems:    0 errors');
  });

  it('lists every problem as file:line and exits 1 when there are errors', async () => {
    const { code, stdout } = await cli(['check-data', `${FIXTURES}bad-files`]);
    expect(code).toBe(1);
    expect(stdout).toContain('Problems:    3 errors, 3 warnings');
    expect(stdout).toMatch(/bad-files\/truncated\.txt:13: error: paper "A Paper Cut Short"/);
  });

  it('defaults to --data, then the bundled seed, and answers in JSON on request', async () => {
    const { code, stdout } = await cli(['check-data', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ dir: BUNDLED_DATA_DIR, papers: 78, errors: 0 });
  });

  it('shows a progress line on stderr only when stderr is a terminal', async () => {
    let tty = '';
    await runCli(['check-data', `${FIXTURES}scheduled`], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (tty += s), isTTY: true },
      env: {},
      buildBot: () => {
        throw new Error('unused');
      },
      ...OFFLINE_DEPS,
    });
    const CLEAR_LINE = '\r\x1b[K';
    expect(tty).toContain(`${CLEAR_LINE}loading data: 1/`);
    expect(tty.endsWith(CLEAR_LINE)).toBe(true);
    const { stderr } = await cli(['check-data', `${FIXTURES}scheduled`]);
    expect(stderr).toBe('');
  });
});

describe('runCli digest', () => {
  const data = ['--data', `${FIXTURES}scheduled`];

  it("prints the day's sessions and the thread of posters for --date", async () => {
    const { code, stdout } = await cli(['digest', '--date', '2022-04-26', '--dry-run', ...data]);
    expect(code).toBe(0);
    expect(stdout).toContain('Poster digest · Tuesday, April 26, 2022');
    expect(stdout).toMatch(/Poster Session 2 · Tue, Apr 26, 10:00 UTC · 1 poster/);
    expect(stdout).toContain('── in the thread, reply 1 of');
  });

  it('uses today in DIGEST_TIMEZONE without --date', async () => {
    // 2020-04-28T06:00Z is already the 28th in Tokyo but still the 27th in Los Angeles.
    const tokyo = await cli(['digest', '--json', ...data], { DIGEST_TIMEZONE: 'Asia/Tokyo' });
    const la = await cli(['digest', '--json', ...data], { DIGEST_TIMEZONE: 'America/Los_Angeles' });
    expect(JSON.parse(tokyo.stdout).date).toBe('2020-04-28');
    expect(JSON.parse(la.stdout).date).toBe('2020-04-27');
  });

  it('says there is nothing to post on a day without sessions', async () => {
    const { code, stdout } = await cli(['digest', '--date', '2022-05-02', ...data]);
    expect(code).toBe(0);
    expect(stdout).toBe('Nothing to post on 2022-05-02: no poster session that day.\n');
  });

  it('gives the exact payloads with --json', async () => {
    const { stdout } = await cli(['digest', '--date', '2022-04-26', '--json', ...data]);
    const plan = JSON.parse(stdout);
    expect(plan).toMatchObject({ date: '2022-04-26', kind: 'sessions' });
    expect(plan.root.text).toMatch(/^Poster digest for Tuesday, April 26, 2022/);
    expect(plan.thread.length).toBeGreaterThan(0);
  });

  it.each([
    [['--date', '2022-02-30'], /--date must be a date YYYY-MM-DD, got “2022-02-30”/],
    [['--post', '--dry-run'], /choose one of --dry-run and --post/],
    [['tomorrow'], /digest takes no arguments/],
  ])('rejects %j with the usage (exit 2)', async (args, message) => {
    const { code, stderr } = await cli(['digest', ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: poster-bot digest');
  });

  it.each([
    [{}, /needs the bot’s Slack credentials/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc' }, /needs DIGEST_CHANNEL/],
    [{ DIGEST_TIMEZONE: 'Mars/Olympus' }, /DIGEST_TIMEZONE: expected an IANA time zone/],
  ])('--post with env %j fails with what to set (exit 1)', async (env, message) => {
    const { code, stderr } = await cli(['digest', '--post', ...data], env);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
  });
});
