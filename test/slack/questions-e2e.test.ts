/**
 * Questions as people ask them, end to end: the seed catalog and the real replies behind
 * Bolt's HTTP receiver on a loopback port, signed requests in, the fake Slack Web API and
 * response_url out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/ids.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';
import type { Replies } from '../../src/bot/types.ts';
import { buildBot } from '../../src/compose.ts';
import { SEED, WITH_CODE } from '../fixtures/questions.ts';
import { RESPONSE_URL_TARGET } from '../helpers/fake-slack-api.ts';
import { postersShown } from '../helpers/question-judge.ts';
import {
  type HttpHarness,
  postInteraction,
  postSlashCommand,
  SIGNING_SECRET,
  startHttpHarness,
} from '../helpers/slack-harness.ts';
import { allText, slackLimitViolations } from '../helpers/slack-limits.ts';
import {
  appMentionBody,
  BOT_USER_ID,
  blockActionsPayload,
  slashCommandFields,
} from '../helpers/slack-payloads.ts';
import { JSON_CONTENT_TYPE, postSigned } from '../helpers/slack-signing.ts';

let harness: HttpHarness<Replies>;
beforeAll(async () => {
  harness = await startHttpHarness({ replies: buildBot('data').replies });
});
afterAll(() => harness.close());

const slackEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An @mention as Slack sends it; returns what the bot posted in the thread. */
async function mention(text: string, eventId: string): Promise<SlackMessage> {
  const before = harness.fake.callsTo('chat.postMessage').length;
  const response = await postSigned(
    harness.eventsUrl,
    JSON.stringify(
      appMentionBody({
        eventId,
        text: `<@${BOT_USER_ID}> ${slackEscape(text)}`,
        ts: '1700000300.000100',
      }),
    ),
    JSON_CONTENT_TYPE,
    SIGNING_SECRET,
  );
  expect(response.status).toBe(200);
  const posts = harness.fake.callsTo('chat.postMessage').slice(before);
  expect(posts).toHaveLength(1);
  const params = posts[0]!.params as unknown as SlackMessage & Record<string, unknown>;
  expect(params.thread_ts).toBe('1700000300.000100');
  expect(slackLimitViolations(params)).toEqual([]);
  return params;
}

/** `/poster <text>` as Slack sends it, answered in the ack body. */
async function poster(text: string): Promise<SlackMessage & { response_type: string }> {
  const response = await postSlashCommand(
    harness.eventsUrl,
    slashCommandFields(slackEscape(text), harness.fake.responseUrl()),
  );
  expect(response.status).toBe(200);
  const message = JSON.parse(response.text);
  expect(slackLimitViolations(message)).toEqual([]);
  return message;
}

describe('questions through Slack', () => {
  it('answers a wrapped question with the topic, not the sentence', async () => {
    const message = await mention(
      'is anyone presenting work on speeding up vision transformers?',
      'EvQUESTION1',
    );
    expect(message.text).toMatch(/ for ‘speeding up vision transformers’$/);
    expect(postersShown(message)[0]).toBe(SEED.evit);
  });

  it('answers a named poster alone, with where and when', async () => {
    const message = await mention('where is the F8Net poster?', 'EvQUESTION2');
    expect(message.text).toBe('1 poster for ‘F8Net’');
    expect(postersShown(message)).toEqual([SEED.f8net]);
    expect(allText(message)).toContain('Presented in Poster Session 9');
  });

  it('reads a topic with "from" as a topic, not a missing author', async () => {
    const message = await mention('transfer from simulation to real robots', 'EvQUESTION3');
    expect(allText(message)).not.toContain('No author matches');
    expect(postersShown(message)[0]).toBe(SEED.knowThyself);
  });

  it('filters /poster by facets, and keeps the filter on the next page', async () => {
    const spotlight = await poster('spotlight continual learning');
    expect(spotlight.response_type).toBe('ephemeral');
    expect(spotlight.text).toBe('1 poster for ‘continual learning’ among the spotlights');
    expect(postersShown(spotlight)).toEqual([SEED.trgp]);

    const withCode = await poster('with code');
    expect(withCode.text).toBe(`Posters 1–5 of ${WITH_CODE.length} with code`);
    const next = withCode.blocks
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .find((e) => e.type === 'button' && e.action_id === ACTION_IDS.resultsNext);
    const value = next?.type === 'button' ? next.value : undefined;
    expect(value).toBeDefined();
    const id = 'click-questions-next';
    const response = await postInteraction(
      harness.eventsUrl,
      blockActionsPayload(ACTION_IDS.resultsNext, value!, harness.fake.responseUrl(id)),
    );
    expect(response.status).toBe(200);
    const [posted] = harness.fake.callsTo(RESPONSE_URL_TARGET).filter((r) => r.responseId === id);
    const page = posted!.params as unknown as SlackMessage & Record<string, unknown>;
    expect(page.replace_original).toBe(true);
    expect(page.text).toBe(`Posters 6–10 of ${WITH_CODE.length} with code`);
    expect(postersShown(page).every((paper) => WITH_CODE.includes(paper))).toBe(true);
  });
});
