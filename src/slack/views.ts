/**
 * A view reply (Home tab or modal) through the Web API: `views.publish` for the Home tab,
 * `views.open` with the request's `trigger_id` for a modal (valid 3 s after the click or
 * command). https://api.slack.com/surfaces/app-home · https://api.slack.com/surfaces/modals
 */
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { truncate } from '../blocks/escape.ts';
import type { BotView } from '../bot/types.ts';

/** A modal title is plain text of at most 24 characters. */
const MODAL_TITLE_MAX = 24;

export interface ViewTarget {
  userId: string;
  /** From the command or click that asked; required for a modal. */
  triggerId?: string;
}

export async function showView(
  client: WebClient,
  view: BotView,
  target: ViewTarget,
): Promise<void> {
  if (view.type === 'home') {
    await client.views.publish({
      user_id: target.userId,
      view: { type: 'home', blocks: view.blocks },
    });
    return;
  }
  if (target.triggerId === undefined) throw new Error('slack: a modal needs a trigger_id');
  await client.views.open({ trigger_id: target.triggerId, view: modalView(view) });
}

/** A submit button's text is plain text of at most 24 characters too. */
const MODAL_SUBMIT_MAX = 24;
/** `private_metadata` holds at most 3,000 characters. */
const PRIVATE_METADATA_MAX = 3000;

/** A modal view as the Web API takes it (views.open, views.update, response_action). */
export function modalView(view: BotView): ModalView {
  if (view.privateMetadata !== undefined && view.privateMetadata.length > PRIVATE_METADATA_MAX) {
    throw new Error(`slack: private_metadata of ${view.privateMetadata.length} chars`);
  }
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(view.title ?? 'Posters', MODAL_TITLE_MAX) },
    blocks: view.blocks,
    ...(view.submit !== undefined && {
      submit: { type: 'plain_text', text: truncate(view.submit, MODAL_SUBMIT_MAX) },
    }),
    ...(view.callbackId !== undefined && { callback_id: view.callbackId }),
    ...(view.privateMetadata !== undefined && { private_metadata: view.privateMetadata }),
  };
}
