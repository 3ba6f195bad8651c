/**
 * `npm run bench` [-- --quick]: search latency, index build, start-up, memory and the Slack
 * path under load, each beside a baseline measured in the same run (see bench/README in the
 * report). Prints Markdown tables; writes every figure to bench/results.json.
 *
 * Children run in their own processes so heap, RSS and start-up are not polluted by the
 * parent. Everything listens on 127.0.0.1 and is bounded in count and time.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { parseJsonLines } from '../src/catalog/json-lines.ts';
import { SLACK_EVENTS_PATH } from '../src/slack/app.ts';
import { startFakeSlackApi } from '../test/helpers/fake-slack-api.ts';
import { FORM_CONTENT_TYPE, formBody, signSlackRequest } from '../test/helpers/slack-signing.ts';
import { corpusFolder, SOURCE_FILE } from './corpus.ts';
import { generateQueries } from './queries.ts';
import { median, mib, ms, ratio, table } from './stats.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick!;
const SIZES = quick ? [10_000] : [10_000, 100_000];
const QUERIES = quick ? 300 : 1000;
/** The baseline takes ~1 s a query at 100k: it gets a prefix of the same query list. */
const BASELINE_QUERIES_100K = 150;
const STARTUP_RUNS = quick ? 1 : 3;
const RATES = quick ? [50, 200, 0] : [25, 50, 100, 200, 400, 0];
const LOAD_SECONDS = quick ? 3 : 5;
const WARMUP_SECONDS = 2;
const WARMUP_RATE = 100;
const SECRET = 'bench-signing-secret';

const TSX = ['--import', 'tsx'];

/** Runs a bench child; resolves with its stdout and wall time to the first line matching. */
function runChild(
  script: string,
  args: string[],
  readyPrefix: string,
  nodeFlags: string[] = [],
): Promise<{ line: string; wallMs: number; kill: () => void; done: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...nodeFlags, ...TSX, script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const done = new Promise<void>((ok) => child.on('exit', () => ok()));
    let buffer = '';
    let answered = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => l.startsWith(readyPrefix));
      if (line && !answered) {
        answered = true;
        resolve({ line, wallMs: performance.now() - start, kill: () => child.kill(), done });
      }
    });
    child.on('exit', (code) => {
      if (!answered) reject(new Error(`${script} ${args.join(' ')} exited ${code}: ${buffer}`));
    });
  });
}

const results: Record<string, unknown> = { quick, startedAt: new Date().toISOString() };
const log = (text: string) => process.stdout.write(`${text}\n`);

// 1–2. Latency and build, per size.
const folders = new Map<string, string>([['seed (78)', 'data']]);
for (const size of SIZES) folders.set(`${size / 1000}k`, corpusFolder(size));
const searchRows: string[][] = [];
const buildRows: string[][] = [];
const search: Record<string, unknown> = {};
for (const [name, dir] of folders) {
  const baselineQueries = name === '100k' ? BASELINE_QUERIES_100K : QUERIES;
  const { line } = await runChild(
    'bench/search-child.ts',
    [dir, String(QUERIES), String(baselineQueries)],
    '{',
    ['--expose-gc'],
  );
  const r = JSON.parse(line);
  search[name] = r;
  const { ours, oursOnBaselineQueries: same, baseline } = r.latency;
  searchRows.push([
    name,
    `${ms(ours.p50)} / ${ms(ours.p99)} (n=${ours.n})`,
    `${ms(same.p50)} / ${ms(same.p99)}`,
    `${ms(baseline.p50)} / ${ms(baseline.p99)} (n=${baseline.n})`,
    `${ratio(same.p50, baseline.p50)} / ${ratio(same.p99, baseline.p99)}`,
  ]);
  const b = r.build;
  buildRows.push([
    name,
    `${ms(b.ours.ms)}, ${mib(b.ours.heap)}`,
    `${ms(b.baseline.ms)}, ${mib(b.baseline.heap)}`,
    `${ratio(b.ours.ms, b.baseline.ms)} / ${ratio(b.ours.heap, b.baseline.heap)}`,
  ]);
  log(`search ${name}: done`);
}
results.search = search;

// 3 + 5. Start-up to ready, and resident memory once ready. Ours twice: "cold" is a first
// start (empty snapshot cache: load, index, write the snapshot), "warm" every later one.
const startupRows: string[][] = [];
const startup: Record<string, unknown> = {};
for (const [name, dir] of folders) {
  const cacheDir = join('var/bench/cache', name.replace(/\W+/g, '-'));
  const measure = async (system: string, count: number, extra: string[] = []) => {
    const runs: { wallMs: number; rss: number }[] = [];
    for (let i = 0; i < count; i++) {
      const { line, wallMs, done } = await runChild(
        'bench/startup-child.ts',
        [dir, system, ...extra],
        'ready',
        ['--expose-gc'],
      );
      await done;
      const info = JSON.parse(line.slice('ready '.length));
      runs.push({ wallMs, rss: info.rss });
    }
    return {
      runs,
      wallMs: median(runs.map((r) => r.wallMs)),
      rss: median(runs.map((r) => r.rss)),
    };
  };
  const runs = name === '100k' ? 1 : STARTUP_RUNS;
  rmSync(cacheDir, { recursive: true, force: true });
  const cold = await measure('ours', 1, [cacheDir]);
  const warm = await measure('ours', runs, [cacheDir]);
  const baseline = await measure('baseline', runs);
  startup[name] = { cold, warm, baseline };
  startupRows.push([
    name,
    ms(cold.wallMs),
    ms(warm.wallMs),
    ms(baseline.wallMs),
    ratio(warm.wallMs, baseline.wallMs),
    mib(warm.rss),
    mib(baseline.rss),
    ratio(warm.rss, baseline.rss),
  ]);
  log(`startup ${name}: done`);
}
results.startup = startup;

// 4. The Slack path under load (10k corpus): ours against a minimal Bolt app.
const sourcePapers = parseJsonLines(readFileSync(SOURCE_FILE, 'utf8'), SOURCE_FILE).papers;
const loadQueries = generateQueries(sourcePapers, 2000, 11).map((q) => q.text);
let next = 0;
const commandBody = () =>
  formBody({
    command: '/poster',
    text: loadQueries[next++ % loadQueries.length]!,
    team_id: 'T1',
    user_id: 'U1',
    channel_id: 'C1',
    trigger_id: `t${next}`,
    response_url: 'http://127.0.0.1:9/unused',
  });

const fake = await startFakeSlackApi();
const loadRows: string[][] = [];
const load: Record<string, unknown>[] = [];
try {
  const servers: Record<string, Awaited<ReturnType<typeof runChild>>> = {};
  for (const kind of ['minimal', 'poster']) {
    servers[kind] = await runChild(
      'bench/slack-server.ts',
      [kind, folders.get('10k')!, fake.apiUrl, SECRET],
      'listening',
    );
  }
  const fire = async (port: number, rate: number, seconds = LOAD_SECONDS) => {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`,
      connections: 16,
      duration: seconds,
      ...(rate > 0 && { overallRate: rate }),
      requests: [
        {
          method: 'POST',
          setupRequest: (req: Record<string, unknown>) => {
            const body = commandBody();
            return {
              ...req,
              body,
              headers: { 'content-type': FORM_CONTENT_TYPE, ...signSlackRequest(body, SECRET) },
            };
          },
        },
      ],
    });
    return {
      throughput: result['2xx'] / (result.duration || seconds),
      p99: result.latency.p99,
      p50: result.latency.p50,
      errors: result.non2xx + result.errors + result.timeouts,
    };
  };
  // Both servers answer a short unmeasured burst first, so that neither is measured compiling.
  for (const server of Object.values(servers)) {
    await fire(Number(server.line.split(' ')[1]), WARMUP_RATE, WARMUP_SECONDS);
  }
  for (const rate of RATES) {
    const minimal = await fire(Number(servers.minimal!.line.split(' ')[1]), rate);
    const ours = await fire(Number(servers.poster!.line.split(' ')[1]), rate);
    load.push({ rate: rate || 'max', minimal, ours });
    loadRows.push([
      rate ? `${rate}/s` : 'max',
      `${ours.throughput.toFixed(0)}/s, p50 ${ms(ours.p50)}, p99 ${ms(ours.p99)}, err ${ours.errors}`,
      `${minimal.throughput.toFixed(0)}/s, p50 ${ms(minimal.p50)}, p99 ${ms(minimal.p99)}, err ${minimal.errors}`,
      `${ratio(ours.throughput, minimal.throughput)} / ${ratio(ours.p99, minimal.p99)}`,
    ]);
    log(`load ${rate || 'max'}: done`);
  }
  for (const server of Object.values(servers)) server.kill();
} finally {
  await fake.close();
}
results.load = load;

log('\n### Query latency p50 / p99 (limit 50)\n');
log(
  table(
    [
      'corpus',
      'ours, all queries',
      'ours, baseline’s queries',
      'MiniSearch prefix+fuzzy',
      'ours ÷ baseline',
    ],
    searchRows,
  ),
);
log('\n### Index build (warm at seed and 10k): time, retained memory (heap + array buffers)\n');
log(table(['corpus', 'ours', 'default MiniSearch', 'ours ÷ baseline (time / heap)'], buildRows));
log('\n### Start-up to ready (median wall time), RSS once ready; later starts read the snapshot\n');
log(
  table(
    [
      'corpus',
      'ours, first start',
      'ours, later starts',
      'MiniSearch',
      'later ÷ MiniSearch',
      'ours RSS',
      'MiniSearch RSS',
      'ratio',
    ],
    startupRows,
  ),
);
log(
  `\n### /poster under load, 10k corpus (${LOAD_SECONDS} s per rate after a ${WARMUP_SECONDS} s warm-up, 16 connections)\n`,
);
log(
  table(
    ['offered rate', 'ours', 'minimal Bolt app', 'ours ÷ minimal (throughput / p99)'],
    loadRows,
  ),
);
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
log('\nAll figures: bench/results.json');
