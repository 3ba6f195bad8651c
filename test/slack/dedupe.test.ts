/**
 * Durable de-duplication end to end: a replayed signed Share click and a double click post
 * the card once; a mention Slack delivers again after a restart (a new app on the same
 * database) is not answered twice. Without the store's keys each repeat posted again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.ts';
import { RESPONSE_URL_TARGET } from '../helpers/fake-slack-api.ts';
import {
  type HttpHarness,
  postInteraction,
  SIGNING_SECRET,
  startHttpHarness,
} from '../helpers/slack-harness.ts';
import { appMentionBody, blockActionsPayload } from '../helpers/slack-payloads.ts';
import {
  FORM_CONTENT_TYPE,
  interactionBody,
  JSON_CONTENT_TYPE,
  postSigned,
} from '../helpers/slack-signing.ts';

let dir: string;
let store: Store;
const harnesses: HttpHarness[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dedupe-'));
  store = openStore(join(dir, 'bot.db'));
});
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(withStore: Store = store) {
  const h = await startHttpHarness({ app: { listeners: { durableKeys: withStore.claims } } });
  harnesses.push(h);
  return h;
}

describe('Share', () => {
  it('the same signed click replayed, and a double click, share the card once', async () => {
    const h = await start();
    const payload = blockActionsPayload('paper_share', 'paper-1', h.fake.responseUrl('s'));
    const body = interactionBody(payload);
    await postSigned(h.eventsUrl, body, FORM_CONTENT_TYPE, SIGNING_SECRET);
    await postSigned(h.eventsUrl, body, FORM_CONTENT_TYPE, SIGNING_SECRET); // replay
    const second = {
      ...payload,
      trigger_id: 'another',
      actions: [{ ...(payload.actions as object[])[0], action_ts: '1700000002.1' }],
    };
    await postInteraction(h.eventsUrl, second);
    expect(h.fake.callsTo(RESPONSE_URL_TARGET)).toHaveLength(1);
    expect(h.fake.callsTo(RESPONSE_URL_TARGET)[0]?.params.response_type).toBe('in_channel');
  });

  it('another poster, or another button, is not held back', async () => {
    const h = await start();
    for (const [id, value] of [
      ['paper_share', 'paper-1'],
      ['paper_share', 'paper-2'],
      ['results_next_page', 'page=2'],
      ['results_next_page', 'page=2'],
    ] as const) {
      const payload = blockActionsPayload(id, value, h.fake.responseUrl('s'));
      await postInteraction(h.eventsUrl, payload);
    }
    expect(h.fake.callsTo(RESPONSE_URL_TARGET)).toHaveLength(4);
  });

  it('the same poster shared in another thread of the channel is a new share', async () => {
    const h = await start();
    for (const thread of ['1700000000.000100', '1700000000.000900']) {
      const payload = blockActionsPayload('paper_share', 'paper-1', h.fake.responseUrl('s'));
      const inThread = {
        ...payload,
        container: { type: 'message', channel_id: 'C0POSTERS', is_ephemeral: false },
        message: { ts: '1700000001.000100', thread_ts: thread, blocks: [] },
      };
      await postInteraction(h.eventsUrl, inThread);
    }
    const shares = h.fake.callsTo(RESPONSE_URL_TARGET).map((c) => c.params.thread_ts);
    expect(shares).toEqual(['1700000000.000100', '1700000000.000900']);
  });

  it('a store that fails does not swallow the click: it is answered', async () => {
    const failing = {
      ...store,
      claims: {
        ...store.claims,
        markFirst: async () => {
          throw new Error('SQLITE_BUSY: database is locked');
        },
      },
    };
    const h = await start(failing);
    const payload = blockActionsPayload('paper_share', 'paper-1', h.fake.responseUrl('s'));
    await postInteraction(h.eventsUrl, payload);
    expect(h.fake.callsTo(RESPONSE_URL_TARGET)).toHaveLength(1);
  });
});

/** A DM (a `message.im` event) in the shape Slack sends it. */
const dmBody = {
  ...appMentionBody({ eventId: 'EvDmRestart' }),
  event: {
    type: 'message',
    channel: 'D0DM00001',
    channel_type: 'im',
    user: 'U0ATTENDEE',
    text: 'papers by Cho-Jui Hsieh',
    ts: '1700000300.000100',
    event_ts: '1700000300.000100',
  },
};

describe('mentions and DMs', () => {
  it.each([
    ['a mention', appMentionBody({ eventId: 'EvRestart' })],
    ['a DM', dmBody],
  ])(
    '%s delivered again after a restart (new app, same database): answered once',
    async (_, event) => {
      const body = JSON.stringify(event);
      const before = await start();
      await postSigned(before.eventsUrl, body, JSON_CONTENT_TYPE, SIGNING_SECRET);
      expect(before.fake.callsTo('chat.postMessage')).toHaveLength(1);
      await before.close();
      harnesses.splice(harnesses.indexOf(before), 1);

      store.close();
      store = openStore(join(dir, 'bot.db'));
      const after = await start(store);
      await postSigned(after.eventsUrl, body, JSON_CONTENT_TYPE, SIGNING_SECRET, {
        'x-slack-retry-num': '1',
        'x-slack-retry-reason': 'http_timeout',
      });
      expect(after.fake.callsTo('chat.postMessage')).toHaveLength(0);
    },
  );
});
