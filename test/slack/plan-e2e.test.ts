/**
 * The plan end to end (issue 12): through Bolt's real HTTP receiver with signed requests, a
 * person presses Save on a card of their `/poster` answer, opens the Home tab and sees the
 * poster; the bot is stopped and started again on the same SQLite file, and the Home tab
 * still shows it. Then Remove in the Home tab takes it out again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Block, KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import type { Replies } from '../../src/bot/types.ts';
import { buildBot } from '../../src/compose.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { RESPONSE_URL_TARGET } from '../helpers/fake-slack-api.ts';
import {
  type HttpHarness,
  postInteraction,
  postSlashCommand,
  SIGNING_SECRET,
  startHttpHarness,
} from '../helpers/slack-harness.ts';
import {
  APP_ID,
  blockActionsPayload,
  eventCallback,
  slashCommandFields,
  TEAM_ID,
  USER_ID,
} from '../helpers/slack-payloads.ts';
import { postSigned } from '../helpers/slack-signing.ts';

const DATA = 'test/fixtures/catalog/scheduled';
const NOW = new Date('2022-04-25T08:00:00Z');

let dir: string;
let dbPath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'plan-e2e-'));
  dbPath = join(dir, 'bot.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  harness: HttpHarness<Replies>;
  store: Store;
  stop(): Promise<void>;
}

/** The bot as src/main.ts builds it in Slack mode, over the store at `dbPath`. */
async function startBot(): Promise<Running> {
  const store = openStore(dbPath);
  const bot = buildBot(DATA, { store, now: () => NOW });
  const harness = await startHttpHarness({ replies: bot.replies });
  return {
    harness,
    store,
    async stop() {
      await harness.close();
      await store.close();
    },
  };
}

async function command(harness: HttpHarness<Replies>, text: string): Promise<SlackMessage> {
  const fields = slashCommandFields(text, harness.fake.responseUrl());
  const response = await postSlashCommand(harness.eventsUrl, fields);
  expect(response.status).toBe(200);
  return JSON.parse(response.text) as SlackMessage;
}

async function click(harness: HttpHarness<Replies>, payload: unknown): Promise<void> {
  expect((await postInteraction(harness.eventsUrl, payload)).status).toBe(200);
}

async function postJson(harness: HttpHarness<Replies>, body: unknown) {
  const response = await postSigned(
    harness.eventsUrl,
    JSON.stringify(body),
    'application/json',
    SIGNING_SECRET,
  );
  expect(response.status).toBe(200);
}

/** `app_home_opened` as Slack sends it, and the view the bot published in answer. */
async function openHome(harness: HttpHarness<Replies>) {
  const before = harness.fake.callsTo('views.publish').length;
  const opened = {
    type: 'app_home_opened',
    user: USER_ID,
    channel: 'D0DMCHAN01',
    tab: 'home',
    event_ts: '1700000300.000100',
  };
  await postJson(
    harness,
    eventCallback(opened, { eventId: `Ev0HOME${before}`, eventTime: 1_700_000_300 }),
  );
  const calls = await harness.fake.waitForCalls('views.publish', before + 1);
  const { user_id, view } = (calls[before]?.params ?? {}) as {
    user_id?: string;
    view?: string | object;
  };
  expect(user_id).toBe(USER_ID);
  const parsed = (typeof view === 'string' ? JSON.parse(view) : view) as {
    type: string;
    blocks: KnownBlock[];
  };
  expect(parsed.type).toBe('home');
  expect(parsed.blocks.length).toBeLessThanOrEqual(100); // Slack's cap on a view
  return parsed;
}

const textOf = (blocks: readonly (KnownBlock | Block)[]) => JSON.stringify(blocks);

/** The first element of `blocks` with this action id. */
function buttonOf(blocks: readonly KnownBlock[], actionId: string) {
  for (const block of blocks) {
    const elements =
      block.type === 'actions'
        ? block.elements
        : block.type === 'section' && block.accessory
          ? [block.accessory]
          : [];
    for (const element of elements) {
      if ('action_id' in element && element.action_id === actionId) {
        return element as { value: string };
      }
    }
  }
  throw new Error(`no ${actionId} button in ${textOf(blocks)}`);
}

describe('the plan through Slack', () => {
  it('Save → the Home tab shows the poster → restart → still there; Remove takes it out', async () => {
    let bot = await startBot();
    try {
      const { harness } = bot;
      const card = await command(harness, 'tabular transformers');
      const save = buttonOf(card.blocks, ACTION_IDS.planToggle);

      // The empty Home tab first: nothing saved yet.
      expect(textOf((await openHome(harness)).blocks)).not.toContain('Transformers for Tabular');

      await click(
        harness,
        blockActionsPayload(ACTION_IDS.planToggle, save.value, harness.fake.responseUrl()),
      );
      // The clicked private card is redrawn with the new state, in place.
      const [redraw] = await harness.fake.waitForCalls(RESPONSE_URL_TARGET, 1);
      const redrawn = redraw?.params as { replace_original?: boolean; blocks: KnownBlock[] };
      expect(redrawn.replace_original).toBe(true);
      expect(textOf(redrawn.blocks)).toContain('Saved ✓');
      // ...and the Home tab is published again with the poster.
      const home = await openHome(harness);
      expect(textOf(home.blocks)).toContain('Transformers for Tabular Data');
    } finally {
      await bot.stop();
    }

    bot = await startBot();
    try {
      const home = await openHome(bot.harness);
      expect(textOf(home.blocks)).toContain('Transformers for Tabular Data');
      const remove = buttonOf(home.blocks, ACTION_IDS.planRemove);
      await click(bot.harness, {
        type: 'block_actions',
        user: { id: USER_ID, username: 'ada', name: 'ada', team_id: TEAM_ID },
        api_app_id: APP_ID,
        token: 'legacy-verification-token',
        container: { type: 'view', view_id: 'V0HOME001' },
        trigger_id: '1234567890.123456789.abcdef',
        team: { id: TEAM_ID, domain: 'iclr' },
        view: { id: 'V0HOME001', type: 'home', team_id: TEAM_ID, blocks: [] },
        actions: [
          {
            action_id: ACTION_IDS.planRemove,
            block_id: 'plan',
            value: remove.value,
            type: 'button',
            action_ts: '1700000401.000300',
          },
        ],
      });
      expect(await bot.store.plans.saved({ teamId: TEAM_ID, userId: USER_ID })).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});
