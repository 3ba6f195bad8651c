/**
 * Real-shaped Slack request bodies (fields as in Slack's docs and Bolt's own test fixtures),
 * with the few values a test varies as parameters.
 */
export const TEAM_ID = 'T0TEAM001';
export const APP_ID = 'A0APP0001';
export const BOT_ID = 'B0BOT0001';
export const BOT_USER_ID = 'U0BOT0001';
export const USER_ID = 'U0USER001';
export const CHANNEL_ID = 'C0CHAN001';

/** A `/poster` invocation: the form fields Slack POSTs. */
export function slashCommandFields(text: string, responseUrl: string): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'iclr',
    channel_id: CHANNEL_ID,
    channel_name: 'posters',
    user_id: USER_ID,
    user_name: 'ada',
    command: '/poster',
    text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1234567890.123456789.abcdef',
  };
}

/** A click on a button of an ephemeral message (every /poster answer is one). */
export function blockActionsPayload(
  actionId: string,
  value: string,
  responseUrl: string,
): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: USER_ID, username: 'ada', name: 'ada', team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: '1700000000.000200',
      channel_id: CHANNEL_ID,
      is_ephemeral: true,
    },
    trigger_id: '1234567890.123456789.abcdef',
    team: { id: TEAM_ID, domain: 'iclr' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: CHANNEL_ID, name: 'posters' },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        action_id: actionId,
        block_id: 'results',
        text: { type: 'plain_text', text: 'Next', emoji: true },
        value,
        type: 'button',
        action_ts: '1700000001.000300',
      },
    ],
  };
}

export interface MentionOptions {
  eventId?: string;
  text?: string;
  ts?: string;
  threadTs?: string;
  user?: string;
  botId?: string;
}

/** The Events API envelope (`event_callback`) Slack wraps every event in, for our bot. */
export function eventCallback(
  event: Record<string, unknown>,
  { eventId, eventTime }: { eventId: string; eventTime: number },
): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: TEAM_ID,
        user_id: BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

/** An Events API `event_callback` carrying an `app_mention`. */
export function appMentionBody({
  eventId = 'Ev0MENTION1',
  text = `<@${BOT_USER_ID}> diffusion &amp; score`,
  ts = '1700000100.000100',
  threadTs,
  user = USER_ID,
  botId,
}: MentionOptions = {}): Record<string, unknown> {
  const event = {
    type: 'app_mention',
    user,
    text,
    ts,
    ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    ...(botId === undefined ? {} : { bot_id: botId }),
    channel: CHANNEL_ID,
    event_ts: ts,
  };
  return {
    ...eventCallback(event, { eventId, eventTime: 1_700_000_100 }),
    event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIn0',
  };
}
