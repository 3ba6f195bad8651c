/**
 * Issue 10 as a user sees it: partial results say what they miss; a topic the catalogue has
 * nothing about gets "No poster about …", not a list of posters sharing a common word.
 */
import { describe, expect, it } from 'vitest';
import { createReplies } from '../../src/bot/replies.ts';
import { type Reply, replyMessage } from '../../src/bot/types.ts';
import { createAuthorIndex } from '../../src/search/author-index.ts';
import { createPaperIndex } from '../../src/search/paper-index.ts';
import { makePaper, SESSION_9 } from '../fixtures/papers.ts';
import { allText, controlSequences, slackLimitViolations } from '../helpers/slack-limits.ts';

const papers = [
  makePaper({ id: 'graph', title: 'Graph learning at scale', abstract: 'Graphs.' }),
  makePaper({ id: 'zebra', title: 'Counting zebras from the air', abstract: 'Drones.' }),
  // "learning" in most papers, as in any ML catalogue.
  ...Array.from({ length: 8 }, (_, i) =>
    makePaper({ id: `l${i}`, title: `Learning to rank ${i}`, abstract: 'Learning in general.' }),
  ),
];
const replies = createReplies({
  index: createPaperIndex(papers),
  authors: createAuthorIndex(papers),
  catalog: { papers, sessions: [SESSION_9] },
  pageSize: 5,
});
const asker = { userId: 'U42' };

async function command(text: string) {
  const reply: Reply = await replies.command(text, asker);
  const message = replyMessage(reply);
  expect(slackLimitViolations(message)).toEqual([]);
  return message;
}

describe('/poster on a topic the catalogue does not have', () => {
  it('answers "No poster about …" with the author search, not a list', async () => {
    const message = await command('federated learning');
    expect(message.text).toBe('No poster about ‘federated learning’.');
    expect(allText(message)).toContain('`/poster author federated learning`');
    expect(JSON.stringify(message.blocks)).not.toContain('Learning to rank');
  });

  it('escapes the echoed query', async () => {
    const message = await command('<!channel> federated learning');
    expect(message.text).toBe('No poster about ‘&lt;!channel&gt; federated learning’.');
    expect(controlSequences(allText(message))).toEqual([]);
  });

  it('still says "No posters match" when no word matched at all', async () => {
    expect((await command('qqqzzz')).text).toBe('No posters match ‘qqqzzz’.');
  });

  it('lists the posters with the rare word, each saying what it misses', async () => {
    const message = await command('graph tabular learning');
    expect(message.text).toBe('1 poster for ‘graph tabular learning’');
    expect(message.blocks).toContainEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Missing: ~tabular~' }],
    });
    expect(allText(message)).toContain('No poster matches every word');
  });

  it('says nothing is missing under a poster matching every word', async () => {
    const message = await command('zebras');
    expect(message.text).toBe('1 poster for ‘zebras’');
    expect(allText(message)).not.toContain('Missing');
  });
});
