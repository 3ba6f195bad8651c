import type { Button } from '@slack/types';
import { truncate } from './escape.ts';
import { SLACK_LIMITS } from './limits.ts';

/**
 * A plain button, its text and value cut to Slack's limits (75 / 2000 chars). Values must
 * carry everything the click needs: clicks on ephemeral messages come without the message.
 */
export function button(
  text: string,
  actionId: string,
  value: string,
  /** What a screen reader says instead of `text`, for buttons repeated on every card. */
  accessibilityLabel?: string,
): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.buttonText) },
    action_id: actionId,
    value: value.slice(0, SLACK_LIMITS.buttonValue),
    ...(accessibilityLabel !== undefined && {
      // Plain text, never parsed; still, no `<…>` from data anywhere in a payload.
      accessibility_label: truncate(
        accessibilityLabel.replace(/[<>]/g, ''),
        SLACK_LIMITS.buttonText,
      ),
    }),
  };
}
