/**
 * Real-shaped payloads for issue 13's surfaces, fields as in Slack's docs: the `link_shared`
 * event, a message shortcut (`message_action`), a global shortcut (`shortcut`), a modal's
 * `view_submission` and a `block_actions` click inside a modal.
 * https://api.slack.com/events/link_shared · https://api.slack.com/reference/interaction-payloads
 */
import { APP_ID, CHANNEL_ID, eventCallback, TEAM_ID, USER_ID } from './slack-payloads.ts';

export const TRIGGER_ID = '1234567890.123456789.0123456789abcdef';

const team = { id: TEAM_ID, domain: 'iclr' };
const user = { id: USER_ID, username: 'ada', name: 'ada', team_id: TEAM_ID };

export interface LinkSharedOptions {
  urls: readonly string[];
  eventId?: string;
  /** The composer's preview: no message yet, an `unfurl_id` instead. */
  composer?: boolean;
}

/** An Events API `event_callback` carrying `link_shared`. */
export function linkSharedBody({
  urls,
  eventId = 'Ev0LINKS001',
  composer = false,
}: LinkSharedOptions): Record<string, unknown> {
  const messageTs = composer
    ? `${USER_ID}-909b5454-75f8-4ac4-b325-1b40e230bbd8-composer`
    : '1700000500.000100';
  return eventCallback(
    {
      type: 'link_shared',
      channel: composer ? 'COMPOSER' : CHANNEL_ID,
      is_bot_user_member: true,
      user: USER_ID,
      message_ts: messageTs,
      unfurl_id: composer
        ? `${USER_ID}-909b5454-75f8-4ac4-b325-1b40e230bbd8`
        : `${CHANNEL_ID}.1700000500.000100.a1b2c3`,
      source: composer ? 'composer' : 'conversations_history',
      links: urls.map((url) => ({ domain: new URL(url).hostname, url })),
      event_ts: '1700000500.000200',
    },
    { eventId, eventTime: 1_700_000_500 },
  );
}

/** "Find posters about this" on a message; `threadTs` when the message is in a thread. */
export function messageShortcutPayload(
  text: string,
  responseUrl: string,
  threadTs?: string,
): Record<string, unknown> {
  const ts = '1700000600.000100';
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: '1700000601.000200',
    team,
    user,
    channel: { id: CHANNEL_ID, name: 'posters' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: 'find_posters_about',
    trigger_id: TRIGGER_ID,
    response_url: responseUrl,
    message_ts: ts,
    message: {
      type: 'message',
      user: 'U0OTHER01',
      ts,
      text,
      ...(threadTs !== undefined && { thread_ts: threadTs }),
      team: TEAM_ID,
    },
  };
}

/** The global shortcut "Find a poster". */
export function globalShortcutPayload(): Record<string, unknown> {
  return {
    type: 'shortcut',
    token: 'legacy-verification-token',
    action_ts: '1700000700.000100',
    team,
    user,
    is_enterprise_install: false,
    enterprise: null,
    callback_id: 'find_poster',
    trigger_id: TRIGGER_ID,
  };
}

/** The view as Slack echoes it back in interactions: ids, hash and state added to ours. */
function echoedView(view: Record<string, unknown>, values: Record<string, unknown>) {
  return {
    id: 'V0FORM0001',
    team_id: TEAM_ID,
    app_id: APP_ID,
    bot_id: 'B0BOT0001',
    hash: '1700000800.abcdef12',
    root_view_id: 'V0FORM0001',
    previous_view_id: null,
    external_id: '',
    clear_on_close: false,
    notify_on_close: false,
    ...view,
    private_metadata: (view.private_metadata as string | undefined) ?? '',
    callback_id: (view.callback_id as string | undefined) ?? '',
    state: { values },
  };
}

/** The form submitted with `values` (block id → action id → element state). */
export function viewSubmissionPayload(
  view: Record<string, unknown>,
  values: Record<string, unknown>,
): Record<string, unknown> {
  return {
    type: 'view_submission',
    team,
    user,
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: TRIGGER_ID,
    view: echoedView(view, values),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** A button clicked inside a modal: no message, no response_url; the view instead. */
export function viewBlockActionsPayload(
  view: Record<string, unknown>,
  actionId: string,
  value: string,
): Record<string, unknown> {
  return {
    type: 'block_actions',
    user,
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: 'V0FORM0001' },
    trigger_id: TRIGGER_ID,
    team,
    enterprise: null,
    is_enterprise_install: false,
    view: echoedView(view, {}),
    actions: [
      {
        action_id: actionId,
        block_id: 'form_nav_p1',
        text: { type: 'plain_text', text: 'Next ▸', emoji: true },
        value,
        type: 'button',
        action_ts: '1700000900.000100',
      },
    ],
  };
}
