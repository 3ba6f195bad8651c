import type { Button } from '@slack/types';
import { truncate } from './escape.ts';
import { SLACK_LIMITS } from './limits.ts';

/**
 * A plain button, its text and value cut to Slack's limits (75 / 2000 chars). Values must
 * carry everything the click needs: clicks on ephemeral messages come without the message.
 */
export function button(text: string, actionId: string, value: string): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.buttonText) },
    action_id: actionId,
    value: value.slice(0, SLACK_LIMITS.buttonValue),
  };
}
