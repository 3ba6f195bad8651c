/**
 * Start-up as the bot does it (src/compose.ts `buildBot`: catalog, indexes, replies), then one
 * `/poster` answer; the baseline loads the same folder into a default MiniSearch. Prints
 * `ready` and the resident memory. The parent measures wall time from spawn to `ready`.
 * With CACHE_DIR, ours uses start-up snapshots there (as src/main.ts does with var/cache).
 *
 * Usage: node --import tsx bench/startup-child.ts DIR [ours|baseline] [CACHE_DIR]
 */
import { loadCatalog } from '../src/catalog/loader.ts';
import { buildBot } from '../src/compose.ts';
import { createBaselineIndex } from './baseline.ts';

const [dir = 'data', system = 'ours', cacheDir] = process.argv.slice(2);
let papers: number;
if (system === 'baseline') {
  const { catalog } = loadCatalog(dir);
  createBaselineIndex(catalog.papers).search('graph neural network');
  papers = catalog.papers.length;
} else {
  const bot = buildBot(dir, cacheDir ? { cacheDir } : {});
  bot.replies.command('graph neural network', { userId: 'U1' });
  papers = bot.catalog.papers.length;
}
globalThis.gc?.();
const { rss, heapUsed } = process.memoryUsage();
process.stdout.write(`ready ${JSON.stringify({ papers, rss, heapUsed })}\n`);
