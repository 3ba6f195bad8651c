/**
 * Which module may import which: `npm run deps`, part of `npm test`.
 *
 * Dependencies point one way. From the bottom up:
 *
 *   src/time.ts            domain time utilities, importable by everyone, importing nothing of ours
 *   src/catalog/           papers, sessions, parsers, the session window
 *   src/search/            text analysis, PaperIndex, the author index
 *   src/blocks/, src/store/  pure Block Kit renderers; persistence
 *   src/bot/               what the bot says, feature by feature (src/bot/features/*.ts)
 *   src/slack/, src/console/, src/cli.ts, src/digest/, src/compose.ts   entry points
 *   src/main.ts            the composition root, imported by nobody
 *
 * `src/config.ts` and `src/log.ts` sit beside the layers: config imports no feature module.
 * A lower layer never imports a higher one, type-only imports included
 * (`tsPreCompilationDeps`), because a type import is a dependency of the design too.
 */

/** Paths of the layers above a layer, as one regular expression. */
const above = (...paths) => `^src/(${paths.join('|')})`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be understood, tested or moved alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment:
        'Two folders of src/ importing each other (blocks/ ↔ digest/) are one layer in two places; move the shared piece down.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { path: '^src/', circular: true },
    },
    {
      name: 'nothing-imports-main',
      severity: 'error',
      comment:
        'src/main.ts is the composition root: it reads the environment and opens sockets. Importing it would do that.',
      from: {},
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'time-imports-nothing-of-ours',
      severity: 'error',
      comment: 'src/time.ts is importable by every layer, so it can import none of them.',
      from: { path: '^src/time\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'config-imports-no-feature',
      severity: 'error',
      comment:
        'loadConfig(env) validates variables; it may share domain types from src/time.ts, never reach into a feature.',
      from: { path: '^src/config\\.ts$' },
      to: { path: '^src/', pathNot: '^src/time\\.ts$' },
    },
    {
      name: 'renderers-never-import-the-digest',
      severity: 'error',
      comment:
        'src/blocks/ are pure renderers used by every feature, and the store serves them all; the digest uses both, not the other way round (its own rendering lives in src/digest/render.ts).',
      from: { path: '^src/(blocks|store)/' },
      to: { path: '^src/digest/' },
    },
    {
      name: 'catalog-is-the-bottom-layer',
      severity: 'error',
      comment: 'The catalog knows papers and sessions, nothing about searching or talking.',
      from: { path: '^src/catalog/' },
      to: {
        path: above(
          'search/',
          'blocks/',
          'store/',
          'bot/',
          'slack/',
          'console/',
          'digest/',
          'cli\\.ts$',
          'compose\\.ts$',
          'config\\.ts$',
        ),
      },
    },
    {
      name: 'search-never-imports-higher-layers',
      severity: 'error',
      comment: 'The index serves the bot; it never renders, stores, or knows Slack.',
      from: { path: '^src/search/' },
      to: {
        path: above(
          'blocks/',
          'store/',
          'bot/',
          'slack/',
          'console/',
          'digest/',
          'cli\\.ts$',
          'compose\\.ts$',
          'config\\.ts$',
        ),
      },
    },
    {
      name: 'renderers-and-store-never-import-higher-layers',
      severity: 'error',
      comment:
        'Renderers are pure (domain objects in, Block Kit out) and the store is persistence; neither knows the bot or an entry point.',
      from: { path: '^src/(blocks|store)/' },
      to: {
        path: above('bot/', 'slack/', 'console/', 'cli\\.ts$', 'compose\\.ts$'),
      },
    },
    {
      name: 'renderers-do-no-io',
      severity: 'error',
      comment: 'A renderer that reaches the store does I/O; hand it the data instead.',
      from: { path: '^src/blocks/' },
      to: { path: '^src/store/' },
    },
    {
      name: 'bot-never-imports-entry-points',
      severity: 'error',
      comment:
        'What the bot says is independent of Slack, the console, the CLI and the digest; they call the bot, not the other way round.',
      from: { path: '^src/bot/' },
      to: { path: above('slack/', 'console/', 'digest/', 'cli\\.ts$', 'compose\\.ts$') },
    },
    {
      name: 'src-never-imports-tests-or-tools',
      severity: 'error',
      comment: 'The shipped code cannot depend on test helpers, scripts or benchmarks.',
      from: { path: '^src/' },
      to: { path: '^(test|scripts|bench)/' },
    },
    {
      name: 'src-never-imports-dev-dependencies',
      severity: 'error',
      comment:
        'npm install --omit=dev must still run the bot: src/ imports runtime dependencies only (type-only imports excepted).',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(var|coverage|reports)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
