import { describe, expect, it } from 'vitest';
import {
  type CommandIntent,
  cleanInput,
  type Intent,
  MAX_QUERY_LENGTH,
  parseMention,
  parsePosterCommand,
} from '../../src/bot/intent.ts';

const BOT = '<@UBOT123>';

describe('parseMention', () => {
  const cases: [string, Intent][] = [
    // Help: nothing asked, or a greeting.
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['Hi!', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['what can you do?', { kind: 'help' }],
    // Authors.
    ['papers by Cho-Jui Hsieh', { kind: 'author', name: 'Cho-Jui Hsieh' }],
    ['what is Salakhutdinov presenting?', { kind: 'author', name: 'Salakhutdinov' }],
    ['posters from Yi Tay', { kind: 'author', name: 'Yi Tay' }],
    ['by Yi Tay', { kind: 'author', name: 'Yi Tay' }],
    ['papers with Yi Tay', { kind: 'author', name: 'Yi Tay' }],
    ['papers authored by X.Y. Han', { kind: 'author', name: 'X.Y. Han' }],
    ['anything written by José Oramas', { kind: 'author', name: 'José Oramas' }],
    ["Yi Tay's papers", { kind: 'author', name: 'Yi Tay' }],
    ['Hsieh’s posters', { kind: 'author', name: 'Hsieh' }],
    ['anything by Ruslan Salakhutdinov', { kind: 'author', name: 'Ruslan Salakhutdinov' }],
    ['which posters is Yi Tay on?', { kind: 'author', name: 'Yi Tay' }],
    ['papers of Cho-Jui Hsieh', { kind: 'author', name: 'Cho-Jui Hsieh' }],
    ['what does Yi Tay present today?', { kind: 'author', name: 'Yi Tay' }],
    ["where is Hui Xue's poster", { kind: 'author', name: 'Hui Xue' }],
    ['can you show me papers by "Yi Tay" please', { kind: 'author', name: 'Yi Tay' }],
    ['is Hsieh presenting?', { kind: 'author', name: 'Hsieh' }],
    ['hey, all papers by LIU YONG', { kind: 'author', name: 'LIU YONG' }],
    // Topics.
    ['who works on equilibrium models?', { kind: 'topic', query: 'equilibrium models' }],
    ["who's working on diffusion", { kind: 'topic', query: 'diffusion' }],
    ['papers about graph neural networks', { kind: 'topic', query: 'graph neural networks' }],
    ['anything on contrastive learning?', { kind: 'topic', query: 'contrastive learning' }],
    ['are there any posters on federated learning', { kind: 'topic', query: 'federated learning' }],
    ['who has papers on pruning', { kind: 'topic', query: 'pruning' }],
    ['tell me about vision transformers', { kind: 'topic', query: 'vision transformers' }],
    ['GAN', { kind: 'topic', query: 'GAN' }],
    [
      'learning rate schedules for transformers',
      { kind: 'topic', query: 'learning rate schedules for transformers' },
    ],
    ['3d point clouds', { kind: 'topic', query: '3d point clouds' }],
    // Topic and author.
    [
      'diffusion papers by Yi Tay',
      { kind: 'topic_and_author', query: 'diffusion', name: 'Yi Tay' },
    ],
    [
      'papers about robustness by Cho-Jui Hsieh',
      { kind: 'topic_and_author', query: 'robustness', name: 'Cho-Jui Hsieh' },
    ],
    [
      'papers by Yi Tay on efficient transformers',
      { kind: 'topic_and_author', query: 'efficient transformers', name: 'Yi Tay' },
    ],
    [
      'graph neural networks from Hsieh',
      { kind: 'topic_and_author', query: 'graph neural networks', name: 'Hsieh' },
    ],
    // Could be either: the caller tries people first.
    ['hsieh', { kind: 'name_or_topic', text: 'hsieh' }],
    ['diffusion', { kind: 'name_or_topic', text: 'diffusion' }],
    ['Cho-Jui Hsieh', { kind: 'name_or_topic', text: 'Cho-Jui Hsieh' }],
    ['diffusion papers', { kind: 'name_or_topic', text: 'diffusion' }],
    ['find Yi Tay', { kind: 'name_or_topic', text: 'Yi Tay' }],
    // Schedule.
    ["what's on now?", { kind: 'schedule', which: 'now' }],
    ["what's next", { kind: 'schedule', which: 'next' }],
    ['today', { kind: 'schedule', which: 'today' }],
  ];

  it.each(cases)('reads %j', (text, intent) => {
    expect(parseMention(`${BOT} ${text}`)).toEqual(intent);
  });

  const markup: [string, string, Intent][] = [
    ['another user mention', `${BOT} <@U999> papers by Yi Tay`, { kind: 'author', name: 'Yi Tay' }],
    ['a named user mention', `${BOT} papers by <@U999|alice>`, { kind: 'help' }],
    [
      'a user mention inside the name',
      `${BOT} papers by Yi Tay <@U999|alice>`,
      { kind: 'author', name: 'Yi Tay' },
    ],
    [
      'a channel reference',
      `${BOT} <#C123|posters> diffusion`,
      { kind: 'name_or_topic', text: 'diffusion' },
    ],
    ['a special mention', `<!here> ${BOT} hsieh`, { kind: 'name_or_topic', text: 'hsieh' }],
    [
      'a labelled link',
      `${BOT} papers by Yi Tay <https://example.com/yi|Yi's page>`,
      { kind: 'author', name: 'Yi Tay' },
    ],
    [
      'a bare URL',
      `${BOT} diffusion https://arxiv.org/abs/2006.11239`,
      { kind: 'name_or_topic', text: 'diffusion' },
    ],
    ['only markup', `${BOT} <@U999> <https://x.org|x>`, { kind: 'help' }],
    ['the bot mention alone', BOT, { kind: 'help' }],
    ['emoji and emphasis', `${BOT} :wave: papers by *Yi Tay*`, { kind: 'author', name: 'Yi Tay' }],
  ];

  it.each(markup)('ignores %s', (_label, text, intent) => {
    expect(parseMention(text)).toEqual(intent);
  });

  it('keeps a very long mention to a bounded query', () => {
    const intent = parseMention(`${BOT} papers about ${'diffusion '.repeat(500)}`);
    expect(intent.kind).toBe('topic');
    expect(intent.kind === 'topic' && intent.query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
  });
});

describe('parsePosterCommand', () => {
  const cases: [string, CommandIntent][] = [
    ['', { kind: 'help' }],
    ['  help ', { kind: 'help' }],
    ['author Cho-Jui Hsieh', { kind: 'author', name: 'Cho-Jui Hsieh' }],
    ['author: Yi Tay', { kind: 'author', name: 'Yi Tay' }],
    ['author', { kind: 'help' }],
    ['by:Salakhutdinov', { kind: 'author', name: 'Salakhutdinov' }],
    ['by: "Yi Tay"', { kind: 'author', name: 'Yi Tay' }],
    ['by Yi Tay', { kind: 'author', name: 'Yi Tay' }],
    ['authorship attribution', { kind: 'search', query: 'authorship attribution' }],
    ['next', { kind: 'schedule', which: 'next' }],
    ['NOW', { kind: 'schedule', which: 'now' }],
    ['today', { kind: 'schedule', which: 'today' }],
    ['today diffusion', { kind: 'search', query: 'today diffusion' }],
    // The organisers' report (a search for "stats" for anyone else, decided by the feature).
    ['Stats', { kind: 'stats' }],
    ['stats of graphs', { kind: 'search', query: 'stats of graphs' }],
    ['reminders', { kind: 'reminders' }],
    ['Reminders --dry-run', { kind: 'reminders' }],
    ['reminders for diffusion', { kind: 'search', query: 'reminders for diffusion' }],
    ['  graph   neural\tnetworks ', { kind: 'search', query: 'graph neural networks' }],
    // Typed text is searched (and echoed) as typed; only mentions get their markup dropped.
    ['<!channel> diffusion', { kind: 'search', query: '<!channel> diffusion' }],
  ];

  it.each(cases)('reads %j', (text, intent) => {
    expect(parsePosterCommand(text)).toEqual(intent);
  });

  it('removes control characters and caps the query length', () => {
    const intent = parsePosterCommand(`diff\u0000usion\u200b ${'x'.repeat(1000)}`);
    expect(intent.kind).toBe('search');
    const query = intent.kind === 'search' ? intent.query : '';
    expect(query.startsWith('diffusion x')).toBe(true);
    expect(query.length).toBe(MAX_QUERY_LENGTH);
  });
});

describe('cleanInput', () => {
  it('never cuts an emoji in half', () => {
    const text = `${'a'.repeat(MAX_QUERY_LENGTH - 1)}😀`;
    expect(cleanInput(text)).toBe('a'.repeat(MAX_QUERY_LENGTH - 1));
  });
});
