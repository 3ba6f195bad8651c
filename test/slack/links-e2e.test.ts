/**
 * Issue 13 end to end: the real bot over the seed behind Bolt's HTTP receiver, requests
 * signed like Slack's and shaped as Slack sends them, the fake Web API recording what the bot
 * asked of Slack. A known poster link is unfurled and an unknown one is not; "Find posters
 * about this" answers only its user, in the thread, on topic; "Find a poster" opens the form
 * within the trigger's 3 s, and the form is submitted and paged in place; `/poster` alone opens
 * it where sessions are dated and shows the help where they are not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS, FORM_IDS } from '../../src/blocks/ids.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import type { Replies } from '../../src/bot/types.ts';
import { buildBot } from '../../src/compose.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { RESPONSE_URL_TARGET } from '../helpers/fake-slack-api.ts';
import {
  globalShortcutPayload,
  linkSharedBody,
  messageShortcutPayload,
  TRIGGER_ID,
  viewBlockActionsPayload,
  viewSubmissionPayload,
} from '../helpers/link-payloads.ts';
import {
  type HttpHarness,
  postInteraction,
  postSlashCommand,
  SIGNING_SECRET,
  startHttpHarness,
} from '../helpers/slack-harness.ts';
import { allText, slackLimitViolations } from '../helpers/slack-limits.ts';
import {
  blockActionsPayload,
  CHANNEL_ID,
  slashCommandFields,
  TEAM_ID,
  USER_ID,
} from '../helpers/slack-payloads.ts';
import { JSON_CONTENT_TYPE, postSigned } from '../helpers/slack-signing.ts';

/** A seed poster: its page on the virtual site and its OpenReview forum. */
const KNOW_THYSELF = 'Know Thyself: Transferable Visual Control Policies Through Robot-Awareness';
const POSTER_PAGE = 'https://iclr.cc/virtual/2022/poster/6041';
const FORUM_AS_SHARED = 'http://www.openreview.net/forum?id=W9G_ImpHlQd&utm_source=slack';
const UNKNOWN_FORUM = 'https://openreview.net/forum?id=NotInTheSeed1';
const THREAD_TS = '1700000400.000001';

let harness: HttpHarness<Replies>;
let store: Store;
beforeAll(async () => {
  // As src/main.ts builds it: with a store, so cards carry Save.
  store = openStore(':memory:');
  const bot = buildBot('data', { store });
  harness = await startHttpHarness({
    replies: bot.replies,
    app: { listeners: { links: bot.replies } },
  });
});
afterAll(async () => {
  await harness.close();
  await store.close();
});

function postEvent(body: Record<string, unknown>) {
  return postSigned(harness.eventsUrl, JSON.stringify(body), JSON_CONTENT_TYPE, SIGNING_SECRET);
}
function interact(payload: Record<string, unknown>) {
  return postInteraction(harness.eventsUrl, payload);
}

/** Every button's action id in some blocks. */
function actionIds(blocks: unknown): string[] {
  return [...JSON.stringify(blocks).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1]!);
}

describe('poster links unfurled', () => {
  it('unfurls the known links of a message, keyed by the links as sent, and no other', async () => {
    const before = harness.fake.callsTo('chat.unfurl').length;
    const response = await postEvent(
      linkSharedBody({ urls: [POSTER_PAGE, UNKNOWN_FORUM, FORUM_AS_SHARED, 'https://iclr.cc/'] }),
    );
    expect(response.status).toBe(200);
    const calls = harness.fake.callsTo('chat.unfurl').slice(before);
    expect(calls).toHaveLength(1);
    const params = calls[0]!.params;
    expect(params.channel).toBe(CHANNEL_ID);
    expect(params.ts).toBe('1700000500.000100');
    const unfurls = JSON.parse(params.unfurls as string) as Record<string, SlackMessage>;
    expect(Object.keys(unfurls).sort()).toEqual([FORUM_AS_SHARED, POSTER_PAGE].sort());
    const card = unfurls[POSTER_PAGE]!;
    expect(allText(card)).toContain(KNOW_THYSELF);
    expect(allText(card)).toContain('Poster Session 9');
    // The card's own buttons; Save answers the clicker privately (the unfurl is public).
    expect(actionIds(card.blocks)).toEqual([
      ACTION_IDS.paperAbstract,
      ACTION_IDS.similarShow,
      ACTION_IDS.planToggle,
    ]);
    expect(allText(unfurls[FORUM_AS_SHARED]!)).toContain('How to Robustify Black-Box ML Models?');
    expect(slackLimitViolations({ ...card, text: 'unfurl' })).toEqual([]);
  });

  it('makes no call at all when no link names a poster of the catalog', async () => {
    const before = harness.fake.requests.length;
    const response = await postEvent(
      linkSharedBody({
        urls: [UNKNOWN_FORUM, 'https://iclr.cc/virtual/2022/index.html'],
        eventId: 'Ev0LINKS002',
      }),
    );
    expect(response.status).toBe(200);
    expect(harness.fake.requests.slice(before)).toEqual([]);
  });

  it('unfurls in the composer by unfurl_id and source', async () => {
    const before = harness.fake.callsTo('chat.unfurl').length;
    await postEvent(
      linkSharedBody({ urls: [POSTER_PAGE], eventId: 'Ev0LINKS003', composer: true }),
    );
    const calls = harness.fake.callsTo('chat.unfurl').slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toMatchObject({
      unfurl_id: `${USER_ID}-909b5454-75f8-4ac4-b325-1b40e230bbd8`,
      source: 'composer',
    });
    expect(calls[0]!.params.channel).toBeUndefined();
  });
});

describe('"Find posters about this"', () => {
  const message =
    '<@U0OTHER02> anyone know of work on <https://example.com|zeroth-order> optimization for black-box defense? :eyes: `pip install foo`';

  it('answers the person who asked alone, in the message’s thread, on topic', async () => {
    const before = harness.fake.callsTo('chat.postEphemeral').length;
    const response = await interact(
      messageShortcutPayload(message, harness.fake.responseUrl('about-1'), THREAD_TS),
    );
    expect(response.status).toBe(200);
    const calls = harness.fake.callsTo('chat.postEphemeral').slice(before);
    expect(calls).toHaveLength(1);
    const params = calls[0]!.params;
    expect(params).toMatchObject({ channel: CHANNEL_ID, user: USER_ID, thread_ts: THREAD_TS });
    const text = allText(params as never);
    // The first card is the poster the message talks about.
    expect(text.indexOf('How to Robustify Black-Box ML Models?')).toBeGreaterThan(-1);
    expect(params.text).toMatch(/black-box defense/);
    expect(params.text).not.toMatch(/pip|eyes|U0OTHER02/);
    expect(harness.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('answers through the response_url, privately, outside a thread', async () => {
    await interact(messageShortcutPayload(message, harness.fake.responseUrl('about-2')));
    const posted = harness.fake
      .callsTo(RESPONSE_URL_TARGET)
      .filter((r) => r.responseId === 'about-2');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.params.response_type).toBe('ephemeral');
    expect(allText(posted[0]!.params as never)).toContain('How to Robustify Black-Box ML Models?');
  });

  it('says why when the message has no topic', async () => {
    await interact(
      messageShortcutPayload('<@U0OTHER02> :tada: thanks!', harness.fake.responseUrl('about-3')),
    );
    const posted = harness.fake
      .callsTo(RESPONSE_URL_TARGET)
      .filter((r) => r.responseId === 'about-3');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.params.text).toMatch(/no topic words/);
  });
});

describe('"Find a poster": the search form', () => {
  it('opens the form within the trigger’s 3 s, submits it and pages it in place', async () => {
    const started = Date.now();
    const opened = await interact(globalShortcutPayload());
    expect(opened.status).toBe(200);
    const open = harness.fake.callsTo('views.open');
    expect(open).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(open[0]!.params.trigger_id).toBe(TRIGGER_ID);
    const form = JSON.parse(open[0]!.params.view as string) as Record<string, unknown>;
    expect(form).toMatchObject({ type: 'modal', callback_id: FORM_IDS.view });
    expect((form.title as { text: string }).text.length).toBeLessThanOrEqual(24);
    const blockIds = (form.blocks as { block_id: string }[]).map((b) => b.block_id);
    // The seed has one undated session: no session or day filter; some abstracts link code.
    expect(blockIds).toEqual([FORM_IDS.query, FORM_IDS.kind, FORM_IDS.code]);

    const submitted = await interact(
      viewSubmissionPayload(form, {
        [FORM_IDS.query]: { [FORM_IDS.query]: { type: 'plain_text_input', value: 'learning' } },
        [FORM_IDS.kind]: { [FORM_IDS.kind]: { type: 'static_select', selected_option: null } },
      }),
    );
    expect(submitted.status).toBe(200);
    const update = JSON.parse(submitted.text) as {
      response_action: string;
      view: Record<string, unknown>;
    };
    expect(update.response_action).toBe('update');
    const page1 = update.view;
    const text1 = JSON.stringify(page1.blocks);
    expect(text1).toMatch(/Posters 1–5 of \d+ for ‘learning’/);
    expect((page1.blocks as unknown[]).length).toBeLessThanOrEqual(100);
    expect((page1.private_metadata as string).length).toBeLessThanOrEqual(3000);
    expect(actionIds(page1.blocks)).toContain(FORM_IDS.next);
    expect(actionIds(page1.blocks)).not.toContain(ACTION_IDS.paperShare);

    const paged = await interact(viewBlockActionsPayload(page1, FORM_IDS.next, '1'));
    expect(paged.status).toBe(200);
    const updates = harness.fake.callsTo('views.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.params).toMatchObject({
      view_id: 'V0FORM0001',
      hash: '1700000800.abcdef12',
    });
    const page2 = JSON.parse(updates[0]!.params.view as string) as { blocks: unknown[] };
    expect(JSON.stringify(page2.blocks)).toMatch(/Posters 6–10 of \d+ for ‘learning’/);
    expect(actionIds(page2.blocks)).toEqual(expect.arrayContaining([FORM_IDS.prev, FORM_IDS.next]));
  });

  it('filters by decision, and keeps the choice in the form', async () => {
    const form = { type: 'modal', callback_id: FORM_IDS.view, blocks: [], private_metadata: '' };
    const submitted = await interact(
      viewSubmissionPayload(form, {
        [FORM_IDS.query]: { [FORM_IDS.query]: { type: 'plain_text_input', value: null } },
        [FORM_IDS.kind]: {
          [FORM_IDS.kind]: { type: 'static_select', selected_option: { value: 'Spotlight' } },
        },
      }),
    );
    const { view } = JSON.parse(submitted.text) as { view: { blocks: unknown[] } };
    const text = JSON.stringify(view.blocks);
    expect(text).toMatch(/Posters 1–5 of 11 for spotlights/);
    expect(text).toContain('"initial_option":{"text":{"type":"plain_text","text":"Spotlights"}');
    // Every card shown is a spotlight.
    const cards = text.match(/:flashlight: Spotlight/g) ?? [];
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.length).toBe((text.match(/"block_id":"form_card_\d+_p1_text"/g) ?? []).length);
  });

  it('answers a card’s Abstract inside the form with a modal pushed on top', async () => {
    const form = { type: 'modal', callback_id: FORM_IDS.view, blocks: [], private_metadata: '' };
    const response = await interact(
      viewBlockActionsPayload(form, ACTION_IDS.paperAbstract, 'o0ehFykKVtr'),
    );
    expect(response.status).toBe(200);
    const pushes = harness.fake.callsTo('views.push');
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.params.trigger_id).toBe(TRIGGER_ID);
    const pushed = JSON.parse(pushes[0]!.params.view as string) as {
      type: string;
      blocks: unknown;
    };
    expect(pushed.type).toBe('modal');
    expect(JSON.stringify(pushed.blocks)).toContain('Know Thyself');
  });
});

describe('Save inside the search form', () => {
  it('saves, and shows the same page again with Saved, instead of stacking modals', async () => {
    const submitted = await interact(
      viewSubmissionPayload(
        { type: 'modal', callback_id: FORM_IDS.view, blocks: [], private_metadata: '' },
        { [FORM_IDS.query]: { [FORM_IDS.query]: { type: 'plain_text_input', value: 'robot' } } },
      ),
    );
    const form = (JSON.parse(submitted.text) as { view: Record<string, unknown> }).view;
    const save = JSON.stringify(form.blocks).match(/"action_id":"plan_toggle","value":"([^"]+)"/);
    expect(save).not.toBeNull();
    const pushesBefore = harness.fake.callsTo('views.push').length;
    const updatesBefore = harness.fake.callsTo('views.update').length;
    const clicked = await interact(
      viewBlockActionsPayload(
        { ...form, callback_id: FORM_IDS.view },
        ACTION_IDS.planToggle,
        JSON.parse(`"${save![1]}"`) as string,
      ),
    );
    expect(clicked.status).toBe(200);
    expect(harness.fake.callsTo('views.push')).toHaveLength(pushesBefore);
    const updates = harness.fake.callsTo('views.update').slice(updatesBefore);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.params.view_id).toBe('V0FORM0001');
    const redrawn = updates[0]!.params.view as string;
    expect(redrawn).toContain('Saved ✓');
    expect(redrawn).toContain('for ‘robot’');
    expect(await store.plans.saved({ teamId: TEAM_ID, userId: USER_ID })).toHaveLength(1);
  });
});

describe('a click on an unfurled card', () => {
  it('answers the clicker alone, never changing the message the link is in', async () => {
    const before = harness.fake.callsTo('chat.postEphemeral').length;
    const payload = blockActionsPayload(
      ACTION_IDS.paperAbstract,
      'o0ehFykKVtr',
      harness.fake.responseUrl('unfurl-click'),
    );
    // As Slack sends a click on an app unfurl: an attachment of a public message.
    payload.container = {
      type: 'message_attachment',
      message_ts: '1700000500.000100',
      attachment_id: 1,
      channel_id: CHANNEL_ID,
      is_ephemeral: false,
      is_app_unfurl: true,
      app_unfurl_url: POSTER_PAGE,
    };
    const response = await interact(payload);
    expect(response.status).toBe(200);
    const calls = harness.fake.callsTo('chat.postEphemeral').slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toMatchObject({ channel: CHANNEL_ID, user: USER_ID });
    expect(allText(calls[0]!.params as never)).toContain('Know Thyself');
    const replaced = harness.fake
      .callsTo(RESPONSE_URL_TARGET)
      .filter((r) => r.responseId === 'unfurl-click');
    expect(replaced).toEqual([]);
  });
});

describe('`/poster` with no words', () => {
  /** `/poster` (empty) to a bot over `dataDir`; what it acked and the views it opened. */
  async function blankCommand(dataDir: string) {
    const bot = buildBot(dataDir);
    const own = await startHttpHarness({
      replies: bot.replies,
      app: { listeners: { links: bot.replies } },
    });
    try {
      const response = await postSlashCommand(
        own.eventsUrl,
        slashCommandFields('', own.fake.responseUrl()),
      );
      expect(response.status).toBe(200);
      return { acked: response.text, opened: own.fake.callsTo('views.open') };
    } finally {
      await own.close();
    }
  }

  it('opens the search form, with session and day filters, when sessions are dated', async () => {
    const { opened } = await blankCommand('test/fixtures/catalog/scheduled');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.params.trigger_id).toBe(slashCommandFields('', '').trigger_id);
    const form = JSON.parse(opened[0]!.params.view as string) as {
      callback_id: string;
      blocks: { block_id: string }[];
    };
    expect(form.callback_id).toBe(FORM_IDS.view);
    expect(form.blocks.map((b) => b.block_id)).toEqual(
      expect.arrayContaining([FORM_IDS.query, FORM_IDS.session, FORM_IDS.day]),
    );
  });

  it('answers with the help on an undated catalog (no form to filter by time)', async () => {
    const { acked, opened } = await blankCommand('data');
    expect(opened).toEqual([]);
    expect(acked).toContain('Find posters with `/poster`');
  });
});
