/**
 * DIGEST_CHANNEL, checked at start-up rather than first at DIGEST_TIME: one clear log line
 * saying whether the digest will be able to post there, and what to do if not.
 * Uses `conversations.info` (scopes `channels:read`, `groups:read`).
 */

/** The slice of @slack/web-api's `WebClient` the check uses. */
export interface ConversationsClient {
  conversations: {
    info(args: { channel: string }): Promise<{
      channel?: { name?: string; is_member?: boolean; is_archived?: boolean; is_im?: boolean };
    }>;
  };
}

export type ChannelCheck =
  | { ok: true; name?: string }
  | { ok: false; problem: string; hint: string; level: 'error' | 'warn' };

const PLATFORM_ERROR = 'slack_webapi_platform_error';

/** What Slack says about `channel`, as an operator reads it. Never throws. */
export async function checkDigestChannel(
  client: ConversationsClient,
  channel: string,
): Promise<ChannelCheck> {
  try {
    const { channel: info } = await client.conversations.info({ channel });
    const name = info?.name;
    if (info?.is_archived) {
      return {
        ok: false,
        level: 'error',
        problem: `${channel} is archived`,
        hint: 'unarchive it or choose another DIGEST_CHANNEL',
      };
    }
    if (info && !info.is_im && info.is_member === false) {
      return {
        ok: false,
        level: 'error',
        problem: `the bot is not in ${name ? `#${name}` : channel}`,
        hint: 'invite the bot there with /invite @poster',
      };
    }
    return { ok: true, ...(name !== undefined && { name }) };
  } catch (error) {
    const code = platformErrorCode(error);
    if (code === 'channel_not_found') {
      return {
        ok: false,
        level: 'error',
        problem: `${channel} was not found`,
        hint: 'invite the bot with /invite @poster (a private channel is invisible to it until then), and check that DIGEST_CHANNEL is the channel id (C…), not its #name',
      };
    }
    return {
      ok: false,
      level: 'warn',
      problem: `could not check ${channel}: ${code ?? (error instanceof Error ? error.message : String(error))}`,
      hint:
        code === 'missing_scope'
          ? 'add the channels:read and groups:read scopes and reinstall the app'
          : 'the digest will report any problem when it posts',
    };
  }
}

function platformErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  return code === PLATFORM_ERROR && typeof data?.error === 'string' ? data.error : undefined;
}
