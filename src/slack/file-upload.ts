/**
 * A file for one person, into their DM with the bot: Slack's external upload in three steps
 * (files.upload is retired): `files.getUploadURLExternal` (name and length) gives a URL and a
 * file id, the bytes are POSTed to that URL, and `files.completeUploadExternal` shares the
 * file in the DM (`channel_id`). Scopes: `files:write`, and `im:write` for `conversations.open`.
 * https://api.slack.com/messaging/files#upload
 */
import type { WebClient } from '@slack/web-api';
import type { BotFile } from '../bot/types.ts';

/** Longest wait for the upload URL to take the bytes (a calendar is a few kilobytes). */
export const UPLOAD_TIMEOUT_MS = 15_000;

/** Sends `bytes` to Slack's upload URL over `fetch`, bounded by {@link UPLOAD_TIMEOUT_MS}. */
async function postBytes(url: string, bytes: Uint8Array): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  await response.arrayBuffer(); // drain, so the connection is released
  if (response.status !== 200) {
    throw new Error(`slack: the file upload URL answered HTTP ${response.status}`);
  }
}

/** The id of the bot's DM with `userId` (`conversations.open`, idempotent). */
export async function openDm(client: WebClient, userId: string): Promise<string> {
  const answer = await client.conversations.open({ users: userId });
  const id = answer.channel?.id;
  if (id === undefined) throw new Error('slack: conversations.open answered without a channel');
  return id;
}

export interface UploadOptions {
  /** Shown above the file in the DM. */
  comment?: string;
}

/** Uploads `file` into `userId`'s DM with the bot; resolves to the DM's channel id. */
export async function uploadFileToDm(
  client: WebClient,
  userId: string,
  file: BotFile,
  options: UploadOptions = {},
): Promise<string> {
  const channel = await openDm(client, userId);
  const bytes = new TextEncoder().encode(file.content);
  const target = await client.files.getUploadURLExternal({
    filename: file.filename,
    length: bytes.byteLength,
  });
  if (!target.upload_url || !target.file_id) {
    throw new Error('slack: files.getUploadURLExternal answered without upload_url or file_id');
  }
  await postBytes(target.upload_url, bytes);
  await client.files.completeUploadExternal({
    files: [{ id: target.file_id, title: file.title }],
    channel_id: channel,
    ...(options.comment !== undefined && { initial_comment: options.comment }),
  });
  return channel;
}
