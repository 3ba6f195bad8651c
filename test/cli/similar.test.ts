import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/loader.ts';
import { runCli } from '../../src/cli.ts';
import { buildBot } from '../../src/compose.ts';
import { SHARED_DATA, skipWithoutSharedData } from '../helpers/shared-data.ts';

/** The real CLI over the real composition (no cache): what `npx poster-bot similar` runs. */
async function similar(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['similar', ...argv], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    buildBot: (dir) => buildBot(dir),
    loadCatalog,
    openStore: () => undefined,
    createPoster: () => {
      throw new Error('similar never posts');
    },
    now: () => new Date('2022-04-27T10:00:00Z'),
    sleep: async () => {},
  });
  return { code, stdout, stderr };
}

interface SimilarJson {
  id: string;
  title: string;
  similar: { id: string; title: string; score: number; why: string }[];
}

describe('poster-bot similar, on the seed', () => {
  it('answers a title typed loosely with five neighbours as JSON, closest first', async () => {
    const { code, stdout, stderr } = await similar(['beit bert pre-training', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [answer, ...rest] = JSON.parse(stdout) as SimilarJson[];
    expect(rest).toEqual([]);
    expect(answer!.title).toBe('BEiT: BERT Pre-Training of Image Transformers');
    expect(answer!.similar).toHaveLength(5);
    // The other vision-transformer posters of the session come first.
    expect(answer!.similar[0]!.title).toBe(
      'EViT: Expediting Vision Transformers via Token Reorganizations',
    );
    expect(answer!.similar[0]!.why).toMatch(/^Shared terms: .*vision Transformers/);
    const scores = answer!.similar.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(answer!.similar.map((s) => s.id)).not.toContain(answer!.id);
  });

  it('prints neighbours and more by the same authors as text, honouring --limit', async () => {
    // Cho-Jui Hsieh has four posters in the seed session.
    const { code, stdout } = await similar([
      'Patch-Fool: Are Vision Transformers Always Robust Against Adversarial Perturbations?',
      '--limit',
      '2',
    ]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^Similar to “Patch-Fool/);
    expect(lines.filter((l) => /^ {2}\d\. /.test(l))).toHaveLength(2);
    expect(stdout).toContain('More by these authors:');
  });

  it('answers every paper with --all --json, never the paper itself', async () => {
    const { code, stdout } = await similar(['--all', '--json', '--limit', '3']);
    expect(code).toBe(0);
    const all = JSON.parse(stdout) as SimilarJson[];
    expect(all).toHaveLength(78);
    for (const answer of all) {
      expect(answer.similar).toHaveLength(3);
      expect(answer.similar.map((s) => s.id)).not.toContain(answer.id);
    }
  });

  it.each([
    [['--all'], /--all prints JSON only/],
    [['--all', 'BEiT', '--json'], /--all takes no paper/],
    [['BEiT', '--limit', '11'], /--limit must be a whole number from 1 to 10/],
    [[], /similar needs a paper id or title/],
  ])('refuses %j with exit 2 and the usage', async (argv, message) => {
    const { code, stderr } = await similar(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: poster-bot similar');
  });

  it('exits 1 when no paper matches', async () => {
    const { code, stderr } = await similar(['zzzqqq xxyyzz']);
    expect(code).toBe(1);
    expect(stderr).toBe('poster-bot: no paper matches “zzzqqq xxyyzz”\n');
  });
});

const ICLR_2020 = join(SHARED_DATA, 'iclr2020');

describe('poster-bot similar, on ../shared/data', () => {
  it.skipIf(skipWithoutSharedData(ICLR_2020))(
    'answers every paper of ICLR 2020, and one by id',
    async () => {
      const dir = ICLR_2020;
      const { code, stdout } = await similar(['--all', '--json', '--data', dir]);
      expect(code).toBe(0);
      const all = JSON.parse(stdout) as SimilarJson[];
      expect(all).toHaveLength(687);
      expect(all.every((a) => a.similar.length === 5)).toBe(true);
      const first = all[0]!;
      const one = await similar([first.id, '--json', '--data', dir]);
      expect(JSON.parse(one.stdout)).toEqual([first]);
    },
  );
});
