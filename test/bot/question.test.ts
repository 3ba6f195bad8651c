import { describe, expect, it } from 'vitest';
import type { CommandIntent, Intent } from '../../src/bot/intent.ts';
import { looksLikePerson } from '../../src/bot/intent.ts';
import { readCommand, readMention } from '../../src/bot/question.ts';

const BOT = '<@UBOT123>';
/** The catalog knows these people, written in lower case by askers. */
const knowsName = (name: string) => ['yi tay', 'hsieh'].includes(name.toLowerCase());

describe('readMention', () => {
  it.each<[string, Intent]>([
    // Wrapped topics.
    [
      'is anyone presenting work on speeding up vision transformers?',
      { kind: 'topic', query: 'speeding up vision transformers' },
    ],
    [
      'where can I find posters about continual learning?',
      { kind: 'topic', query: 'continual learning' },
    ],
    [
      "I'd like to see work on graph neural networks",
      { kind: 'topic', query: 'graph neural networks' },
    ],
    ['hi! any papers about quantization? thanks', { kind: 'topic', query: 'quantization' }],
    // Named posters: a short phrase, tried as a person, then a poster, then a topic.
    ['where is the F8Net poster?', { kind: 'topic', query: 'F8Net' }],
    ["where's the Cold Brew poster", { kind: 'name_or_topic', text: 'Cold Brew' }],
    // Facets, alone or with a topic or a person.
    ['what are the orals?', { kind: 'posters', facets: { decisions: ['Oral'] } }],
    ['show me the spotlight posters', { kind: 'posters', facets: { decisions: ['Spotlight'] } }],
    [
      'spotlights on optimization',
      { kind: 'topic', query: 'optimization', facets: { decisions: ['Spotlight'] } },
    ],
    [
      'orals by Percy Liang',
      { kind: 'author', name: 'Percy Liang', facets: { decisions: ['Oral'] } },
    ],
    ['graph papers with code', { kind: 'name_or_topic', text: 'graph', facets: { code: true } }],
    [
      'what is on this afternoon?',
      { kind: 'posters', facets: { when: { day: 'today', part: 'afternoon' } } },
    ],
    // Schedule and help are unchanged.
    ["what's on now?", { kind: 'schedule', which: 'now' }],
    ['today', { kind: 'schedule', which: 'today' }],
    ['thanks!', { kind: 'help' }],
    // "from" / "by": an author only when a person follows.
    ['papers by Yi Tay', { kind: 'author', name: 'Yi Tay' }],
    ['papers from yi tay', { kind: 'author', name: 'yi tay' }],
    [
      'papers by Jon Doerr on turbulence',
      {
        kind: 'topic_and_author',
        query: 'turbulence',
        name: 'Jon Doerr',
        phrase: 'papers by Jon Doerr on turbulence',
      },
    ],
    [
      'transformers by Yi Tay',
      {
        kind: 'topic_and_author',
        query: 'transformers',
        name: 'Yi Tay',
        phrase: 'transformers by Yi Tay',
      },
    ],
    [
      'transfer from simulation to real robots',
      { kind: 'topic', query: 'transfer from simulation to real robots' },
    ],
    ['learning from noisy labels', { kind: 'topic', query: 'learning from noisy labels' }],
    [
      'imitation learning by watching videos',
      { kind: 'topic', query: 'imitation learning by watching videos' },
    ],
    [
      'papers on driving policies learnt from human intervention',
      { kind: 'topic', query: 'driving policies learnt from human intervention' },
    ],
    // A title in capitals reads like a name: the answer tries it as a poster first.
    [
      'Meta-Imitation Learning by Watching Video Demonstrations',
      {
        kind: 'topic_and_author',
        query: 'Meta-Imitation Learning',
        name: 'Watching Video Demonstrations',
        phrase: 'Meta-Imitation Learning by Watching Video Demonstrations',
      },
    ],
  ])('%j', (text, question) => {
    expect(readMention(`${BOT} ${text}`, { knowsName })).toEqual(question);
  });
});

describe('readCommand', () => {
  it.each<[string, CommandIntent]>([
    ['orals', { kind: 'posters', facets: { decisions: ['Oral'] } }],
    ['with code', { kind: 'posters', facets: { code: true } }],
    [
      'spotlight continual learning',
      { kind: 'search', query: 'continual learning', facets: { decisions: ['Spotlight'] } },
    ],
    [
      'posters on sharpness-aware minimization please',
      { kind: 'search', query: 'sharpness-aware minimization' },
    ],
    ['papers from Yi Tay', { kind: 'author', name: 'Yi Tay' }],
    ['by:Yi Tay', { kind: 'author', name: 'Yi Tay' }],
    ['vision transformer', { kind: 'search', query: 'vision transformer' }],
    ['posters', { kind: 'search', query: 'posters' }],
    ['now', { kind: 'schedule', which: 'now' }],
    ['help', { kind: 'help' }],
    // Typed text is searched as typed: markup is echoed back escaped, never dropped.
    ['<!channel> diffusion', { kind: 'search', query: '<!channel> diffusion' }],
  ])('%j', (text, question) => {
    expect(readCommand(text, { knowsName })).toEqual(question);
  });
});

describe('looksLikePerson', () => {
  it.each([
    ['Yi Tay', true],
    ['X.Y. Han', true],
    ['LIU YONG', true],
    ['Shalini de Mello', true],
    ['yi tay', true], // known to the catalog
    ['noisy labels', false],
    ['simulation to real robots', false],
    ['human annotations', false],
    ['GAN', false],
  ])('%j → %s', (name, person) => {
    expect(looksLikePerson(name, { knowsName })).toBe(person);
  });
});
