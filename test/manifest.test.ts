/**
 * The manifest declares exactly what the code uses: every scope and event below has a
 * caller, named beside it, and nothing else is requested.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8');

/** The `- item` lines under `key:` (the manifest's plain YAML lists). */
function listUnder(key: string): string[] {
  const start = manifest.indexOf(`${key}:\n`);
  if (start === -1) throw new Error(`manifest: no ${key}`);
  const items: string[] = [];
  for (const line of manifest.slice(start).split('\n').slice(1)) {
    if (/^\s*#/.test(line)) continue;
    const item = /^\s+- ([\w:.]+)$/.exec(line);
    if (!item) break;
    items.push(item[1]!);
  }
  return items;
}

describe('manifest.yml', () => {
  it('requests exactly the bot scopes the code uses', () => {
    expect(listUnder('bot').sort()).toEqual(
      [
        'commands', // /poster (src/slack/listeners/commands)
        'app_mentions:read', // app_mention (listeners/events/app-mention.ts)
        'chat:write', // chat.postMessage / postEphemeral (thread-answer.ts, click-delivery.ts, digest)
        'im:history', // message.im (listeners/events/direct-message.ts)
        'channels:read', // conversations.info, public DIGEST_CHANNEL (digest/channel-check.ts)
        'groups:read', // conversations.info, private DIGEST_CHANNEL
        'channels:history', // conversations.history/replies after a crash (slack/post-once.ts)
        'groups:history', // the same, private DIGEST_CHANNEL
        'im:write', // conversations.open for reminders and the calendar (reminders/run.ts)
        'files:write', // files.getUploadURLExternal / completeUploadExternal (slack/file-upload.ts)
      ].sort(),
    );
  });

  it('subscribes to exactly the events the listeners handle', () => {
    expect(listUnder('bot_events')).toEqual(['app_mention', 'message.im', 'app_home_opened']);
  });

  it('opens the Messages tab and hints every /poster form', () => {
    expect(manifest).toContain('messages_tab_enabled: true');
    expect(manifest).toContain('home_tab_enabled: true'); // app_home_opened → views.publish
    expect(manifest).toContain(
      'usage_hint: "[keywords | author <name> | now | next | today | help]"',
    );
  });
});
