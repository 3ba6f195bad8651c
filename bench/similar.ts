/**
 * `npm run bench:similar` [-- --quick]: what the "Similar" neighbours cost at start-up, on the
 * bench corpora of bench/corpus.ts (10k, and 100k without --quick).
 *
 * 1. Build, in this process, as src/compose.ts does it: loading the catalog, then today's
 *    indexes (paper and author index), then the neighbours. Wall and CPU time, each the median
 *    of `--runs` builds, and the ratio of the whole build with neighbours to the build
 *    without them, measured in the same run.
 * 2. Start-up of the bot in a child process (bench/startup-child.ts, the real composition):
 *    a first start with an empty snapshot cache, then warm starts from the snapshot, which
 *    now holds the neighbours too; and the snapshot's size.
 * 3. At 10k, first starts of this code and of the code before the neighbours (`--against`,
 *    by default the commit issue 11 was built on), alternately, each in a fresh process with
 *    an empty cache: the start-up budget the issue sets ("build within 2× today's").
 *    The old code is taken with `git archive` into var/bench/ and runs on our node_modules.
 *
 * Prints Markdown tables. Wall times on a shared machine vary; CPU time is steadier.
 */
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/catalog/loader.ts';
import { buildAuthorIndexData } from '../src/search/author-index.ts';
import { buildPaperIndexData } from '../src/search/paper-index.ts';
import { buildSimilarData } from '../src/similar/build.ts';
import { corpusFolder } from './corpus.ts';
import { median, mib, ms, ratio, table } from './stats.ts';

/** Main before the neighbours were merged (the parent of 48c648a): "today's" start-up. */
const BEFORE_NEIGHBOURS = '23e23de';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    against: { type: 'string', default: BEFORE_NEIGHBOURS },
    starts: { type: 'string', default: '5' },
  },
});
const SIZES = values.quick ? [10_000] : [10_000, 100_000];
const RUNS = Math.max(1, Number(values.runs) || 1);
const WARM_STARTS = 3;
const log = (text: string) => process.stdout.write(`${text}\n`);

interface Cost {
  wallMs: number;
  cpuMs: number;
}

/** Wall and CPU time of `work`. */
function measure(work: () => void): Cost {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const medianCost = (costs: Cost[]): Cost => ({
  wallMs: median(costs.map((c) => c.wallMs)),
  cpuMs: median(costs.map((c) => c.cpuMs)),
});

/** Loaded first in a child: prints the CPU time of all its threads as it exits. */
const CPU_REPORT = `data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => { const u = process.cpuUsage(); " +
    "process.stdout.write('cpu ' + (u.user + u.system) / 1000 + '\\n'); });",
)}`;

interface Start {
  wallMs: number;
  cpuMs: number;
  rss: number;
}

/**
 * Runs bench/startup-child.ts of the code in `tree` (this one by default); resolves with its
 * wall time to `ready`, its CPU time and its report.
 */
function startChild(dir: string, cacheDir: string, tree = '.'): Promise<Start> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let wallMs = 0;
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        CPU_REPORT,
        '--import',
        'tsx',
        'bench/startup-child.ts',
        resolvePath(dir),
        'ours',
        resolvePath(cacheDir),
      ],
      { cwd: tree, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (wallMs === 0 && output.includes('ready ')) wallMs = performance.now() - start;
    });
    child.on('exit', (code) => {
      const lines = output.split('\n');
      const ready = lines.find((l) => l.startsWith('ready '));
      const cpu = lines.find((l) => l.startsWith('cpu '));
      if (code !== 0 || !ready || !cpu)
        reject(new Error(`startup child exited ${code}: ${output}`));
      else resolve({ wallMs, cpuMs: Number(cpu.slice(4)), ...JSON.parse(ready.slice(6)) });
    });
  });
}

/** The code of `rev`, unpacked once under var/bench/ with our node_modules; undefined without git. */
function treeOf(rev: string): string | undefined {
  const tree = join('var/bench', `tree-${rev}`);
  if (!existsSync(join(tree, 'bench/startup-child.ts'))) {
    try {
      mkdirSync(tree, { recursive: true });
      execSync(`git archive ${JSON.stringify(rev)} | tar -x -C ${JSON.stringify(tree)}`, {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      log(`no first starts against ${rev}: ${(error as Error).message.split('\n')[0]}`);
      rmSync(tree, { recursive: true, force: true });
      return undefined;
    }
  }
  if (!existsSync(join(tree, 'node_modules'))) {
    symlinkSync(resolvePath('node_modules'), join(tree, 'node_modules'), 'dir');
  }
  return tree;
}

const buildRows: string[][] = [];
const startupRows: string[][] = [];
const budgetRows: string[][] = [];
for (const size of SIZES) {
  const name = `${size / 1000}k`;
  const dir = corpusFolder(size);
  const loads: Cost[] = [];
  const indexes: Cost[] = [];
  const neighbours: Cost[] = [];
  for (let run = 0; run < RUNS; run++) {
    let papers: ReturnType<typeof loadCatalog>['catalog']['papers'] = [];
    loads.push(
      measure(() => {
        papers = loadCatalog(dir).catalog.papers;
      }),
    );
    indexes.push(
      measure(() => {
        buildPaperIndexData(papers);
        buildAuthorIndexData(papers);
      }),
    );
    neighbours.push(measure(() => buildSimilarData(papers)));
    log(`build ${name}: run ${run + 1} of ${RUNS} done`);
  }
  const load = medianCost(loads);
  const index = medianCost(indexes);
  const similar = medianCost(neighbours);
  const today = { wallMs: load.wallMs + index.wallMs, cpuMs: load.cpuMs + index.cpuMs };
  buildRows.push([
    name,
    `${ms(today.wallMs)} (${ms(today.cpuMs)} CPU)`,
    `${ms(similar.wallMs)} (${ms(similar.cpuMs)} CPU)`,
    `${ratio(today.wallMs + similar.wallMs, today.wallMs)} (${ratio(today.cpuMs + similar.cpuMs, today.cpuMs)} CPU)`,
    `${ratio(index.cpuMs + similar.cpuMs, index.cpuMs)} CPU`,
  ]);

  const cacheDir = join('var/bench/cache-similar', name);
  rmSync(cacheDir, { recursive: true, force: true });
  const cold = await startChild(dir, cacheDir);
  const warm: Start[] = [];
  for (let i = 0; i < WARM_STARTS; i++) warm.push(await startChild(dir, cacheDir));
  const snapshotBytes = readdirSync(cacheDir)
    .filter((f) => f.endsWith('.bin'))
    .reduce((sum, f) => sum + statSync(join(cacheDir, f)).size, 0);
  startupRows.push([
    name,
    ms(cold.wallMs),
    ms(median(warm.map((w) => w.wallMs))),
    mib(median(warm.map((w) => w.rss))),
    mib(snapshotBytes),
  ]);
  log(`start-up ${name}: done`);

  const before = size === 10_000 ? treeOf(values.against!) : undefined;
  if (before) {
    const ours: Start[] = [];
    const theirs: Start[] = [];
    for (let i = 0; i < Math.max(1, Number(values.starts) || 1); i++) {
      for (const [tree, starts] of [
        [before, theirs],
        ['.', ours],
      ] as const) {
        const empty = join('var/bench/cache-first-start', String(i));
        rmSync(empty, { recursive: true, force: true });
        starts.push(await startChild(dir, empty, tree));
        rmSync(empty, { recursive: true, force: true });
      }
    }
    const wall = (s: Start[]) => median(s.map((x) => x.wallMs));
    const cpu = (s: Start[]) => median(s.map((x) => x.cpuMs));
    budgetRows.push([
      name,
      `${ms(wall(theirs))} (${ms(cpu(theirs))} CPU)`,
      `${ms(wall(ours))} (${ms(cpu(ours))} CPU)`,
      `${ratio(wall(ours), wall(theirs))} (${ratio(cpu(ours), cpu(theirs))} CPU)`,
    ]);
    log(`first starts ${name} against ${values.against}: done`);
  }
}

log('');
log(`Build (median of ${RUNS}): today = loading the catalog + paper and author indexes.`);
log(
  table(
    ['corpus', 'today', 'neighbours', 'with neighbours ÷ today', 'indexes + neighbours ÷ indexes'],
    buildRows,
  ),
);
log('');
log(`Start-up of the bot (with neighbours), warm = median of ${WARM_STARTS}:`);
log(table(['corpus', 'first start', 'warm start', 'RSS, warm', 'snapshot'], startupRows));
if (budgetRows.length > 0) {
  log('');
  log(
    `First start (empty cache), this code and ${values.against} (before the neighbours), alternately, median of ${values.starts}:`,
  );
  log(table(['corpus', 'before the neighbours', 'this code', 'this ÷ before'], budgetRows));
}
