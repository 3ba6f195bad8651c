/**
 * Posting a public answer (to a mention or a DM) with `chat.postMessage`, the way every such
 * answer is posted: in the given thread, without link previews.
 */
import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from '../blocks/message.ts';

export async function postAnswer(
  client: WebClient,
  where: { channel: string; threadTs?: string },
  message: SlackMessage,
): Promise<void> {
  await client.chat.postMessage({
    channel: where.channel,
    ...(where.threadTs !== undefined && { thread_ts: where.threadTs }),
    text: message.text,
    blocks: message.blocks,
    // Paper links would each unfurl into a large preview inside the thread.
    unfurl_links: false,
    unfurl_media: false,
  });
}
