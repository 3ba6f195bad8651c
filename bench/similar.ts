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
 *
 * Prints Markdown tables. Wall times on a shared machine vary; CPU time is steadier.
 */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../src/catalog/loader.ts';
import { buildAuthorIndexData } from '../src/search/author-index.ts';
import { buildPaperIndexData } from '../src/search/paper-index.ts';
import { buildSimilarData } from '../src/similar/build.ts';
import { corpusFolder } from './corpus.ts';
import { median, mib, ms, ratio, table } from './stats.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
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

/** Runs bench/startup-child.ts; resolves with its wall time to `ready` and its report. */
function startChild(dir: string, cacheDir: string): Promise<{ wallMs: number; rss: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/startup-child.ts', dir, 'ours', cacheDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('ready '));
      if (code !== 0 || !line) reject(new Error(`startup child exited ${code}: ${output}`));
      else resolve({ wallMs: performance.now() - start, ...JSON.parse(line.slice(6)) });
    });
  });
}

const buildRows: string[][] = [];
const startupRows: string[][] = [];
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
  const warm: { wallMs: number; rss: number }[] = [];
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
