/**
 * Reminders and the calendar end to end: the real bot over a dated catalog with a store,
 * behind Bolt's HTTP receiver, against the fake Slack Web API on loopback. A poster saved in
 * the store gets one DM ten minutes before its session and none on a second pass; "Export to
 * calendar" uploads my-plan.ics into the DM through Slack's external upload, and the bytes
 * that arrived parse (ical.js) into the right event.
 */
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import type { Replies } from '../../src/bot/types.ts';
import { buildBot } from '../../src/compose.ts';
import { DEFAULT_REMINDER_LEAD_MS } from '../../src/plan/reminders.ts';
import { createWebClientMessenger, runReminderPass } from '../../src/reminders/run.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { fakeDmChannel, RESPONSE_URL_TARGET } from '../helpers/fake-slack-api.ts';
import { type HttpHarness, postInteraction, startHttpHarness } from '../helpers/slack-harness.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { blockActionsPayload, TEAM_ID, USER_ID } from '../helpers/slack-payloads.ts';

const DATA = 'test/fixtures/catalog/scheduled';
/** Poster Session 1 starts 2022-04-25T18:30+02:00 in Hall B. */
const SESSION_START = new Date('2022-04-25T16:30:00Z');
const TEN_BEFORE = new Date(SESSION_START.getTime() - 10 * 60_000);
const owner = { teamId: TEAM_ID, userId: USER_ID };

let store: Store;
let harness: HttpHarness<Replies>;
let bot: ReturnType<typeof buildBot>;
beforeEach(async () => {
  store = openStore(':memory:');
  bot = buildBot(DATA, { store, now: () => TEN_BEFORE });
  harness = await startHttpHarness({ replies: bot.replies });
});
afterEach(async () => {
  await harness.close();
  await store.close();
});

const paperTitled = (title: string) => {
  const paper = bot.catalog.papers.find((p) => p.title === title);
  if (paper === undefined) throw new Error(`no paper ${title}`);
  return paper;
};

const pass = (now: Date) =>
  runReminderPass({
    catalog: bot.catalog,
    store,
    messenger: createWebClientMessenger(harness.app.client),
    now,
    leadMs: DEFAULT_REMINDER_LEAD_MS,
    timeZone: 'UTC',
    log: { info() {}, warn() {} },
  });

/** A click on a button of the bot's Home tab, as Slack sends it: no message, no response_url. */
function homeClick(actionId: string, value = '') {
  return {
    type: 'block_actions',
    user: { id: USER_ID, username: 'ada', name: 'ada', team_id: TEAM_ID },
    api_app_id: 'A0APP0001',
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: 'V0HOME001' },
    trigger_id: '1234567890.123456789.abcdef',
    team: { id: TEAM_ID, domain: 'iclr' },
    enterprise: null,
    is_enterprise_install: false,
    view: { id: 'V0HOME001', type: 'home', team_id: TEAM_ID, blocks: [], state: { values: {} } },
    actions: [
      {
        action_id: actionId,
        block_id: 'plan_actions',
        text: { type: 'plain_text', text: 'Export to calendar', emoji: true },
        value,
        type: 'button',
        action_ts: '1700000001.000300',
      },
    ],
  };
}

async function click(payload: unknown): Promise<void> {
  const response = await postInteraction(harness.eventsUrl, payload);
  expect(response.status).toBe(200);
}

/** The events of an uploaded calendar, read back by ical.js. */
function eventsOf(bytes: Buffer | undefined) {
  if (bytes === undefined) throw new Error('nothing arrived at the upload URL');
  const calendar = new ICAL.Component(ICAL.parse(bytes.toString('utf8')));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      summary: event.summary,
      location: event.location,
      start: event.startDate.toJSDate().toISOString(),
      description: event.description,
    };
  });
}

describe('reminders through Slack', () => {
  it('a pass 10 minutes before the session sends one DM naming the poster; a second sends none', async () => {
    const paper = paperTitled('Attention Is Still All You Need');
    await store.plans.save(owner, paper.id);
    const first = await pass(TEN_BEFORE);
    expect(first.kind).toBe('due');
    const posts = harness.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    const params = posts[0]!.params as unknown as SlackMessage & Record<string, unknown>;
    expect(params.channel).toBe(fakeDmChannel(USER_ID));
    expect(harness.fake.callsTo('conversations.open')[0]?.params.users).toBe(USER_ID);
    expect(params.text).toContain('Attention Is Still All You Need');
    expect(params.text).toContain('starts in 10 minutes');
    expect(JSON.stringify(params.blocks)).toContain('<!date^1650904200^{time}|');
    expect(JSON.stringify(params.blocks)).toContain('Hall B');
    expect(slackLimitViolations(params)).toEqual([]);

    await pass(new Date(TEN_BEFORE.getTime() + 60_000));
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('sends nothing to someone who switched reminders off', async () => {
    await store.plans.save(owner, paperTitled('Attention Is Still All You Need').id);
    await store.plans.setReminders(owner, false);
    await pass(TEN_BEFORE);
    expect(harness.fake.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('Export to calendar through Slack', () => {
  it('from the Home tab: my-plan.ics in the DM, parsing into the saved session', async () => {
    const paper = paperTitled('Attention Is Still All You Need');
    await store.plans.save(owner, paper.id);
    await click(homeClick(ACTION_IDS.planExportIcs));
    const [upload] = harness.fake.uploads;
    expect(harness.fake.uploads).toHaveLength(1);
    expect(upload).toMatchObject({
      filename: 'my-plan.ics',
      completed: { channelId: fakeDmChannel(USER_ID), title: 'My posters' },
    });
    expect(upload!.completed?.initialComment).toContain('my-plan.ics: 1 session');
    expect(upload!.bytes?.length).toBe(upload!.length);
    expect(eventsOf(upload!.bytes)).toEqual([
      {
        summary: 'Poster Session 1: Attention Is Still All You Need',
        location: 'Hall B',
        start: SESSION_START.toISOString(),
        description: expect.stringContaining('• Attention Is Still All You Need'),
      },
    ]);
  });

  it('from a private message: the file in the DM, the confirmation where the click was', async () => {
    await store.plans.save(owner, paperTitled('Transformers for Tabular Data').id);
    await click(blockActionsPayload(ACTION_IDS.planExportIcs, '', harness.fake.responseUrl('r9')));
    expect(harness.fake.uploads).toHaveLength(1);
    expect(eventsOf(harness.fake.uploads[0]?.bytes).map((e) => e.start)).toEqual([
      '2022-04-26T10:00:00.000Z',
    ]);
    const [confirmation] = harness.fake.callsTo(RESPONSE_URL_TARGET);
    expect(confirmation?.params.text).toContain('Your calendar is in my-plan.ics');
    expect(confirmation?.params.replace_original).toBe(false);
  });

  it('with nothing saved: no upload, a private notice in the DM instead', async () => {
    await click(homeClick(ACTION_IDS.planExportIcs));
    expect(harness.fake.uploads).toEqual([]);
    const [notice] = harness.fake.callsTo('chat.postMessage');
    expect(notice?.params.channel).toBe(fakeDmChannel(USER_ID));
    expect(notice?.params.text).toContain('Your plan is empty');
  });

  it('tells the user when Slack refuses the upload', async () => {
    await store.plans.save(owner, paperTitled('Transformers for Tabular Data').id);
    harness.fake.script('files.getUploadURLExternal', {
      kind: 'slack_error',
      error: 'not_allowed',
    });
    await click(blockActionsPayload(ACTION_IDS.planExportIcs, '', harness.fake.responseUrl('r8')));
    const [answer] = harness.fake.callsTo(RESPONSE_URL_TARGET);
    expect(answer?.params.text).toContain('couldn’t send you the file');
  });
});
