/**
 * The manifest declares exactly what the code uses: every scope and event below has a
 * caller, named beside it, and nothing else is requested.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHORTCUT_IDS } from '../src/blocks/ids.ts';
import { createLinkResolver, MAX_UNFURL_DOMAINS } from '../src/catalog/links.ts';
import { loadCatalog } from '../src/catalog/loader.ts';
import { SHARED_DATA, skipWithoutSharedData } from './helpers/shared-data.ts';

const manifest = readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8');

/** The `- item` lines under `key:` (the manifest's plain YAML lists). */
function listUnder(key: string): string[] {
  const start = manifest.indexOf(`${key}:\n`);
  if (start === -1) throw new Error(`manifest: no ${key}`);
  const items: string[] = [];
  for (const line of manifest.slice(start).split('\n').slice(1)) {
    if (/^\s*#/.test(line)) continue;
    const item = /^\s+- (?:callback_id: )?([\w:.]+)$/.exec(line);
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
        'links:read', // link_shared (listeners/events/link-shared.ts)
        'links:write', // chat.unfurl (listeners/events/link-shared.ts)
      ].sort(),
    );
  });

  it('subscribes to exactly the events the listeners handle', () => {
    expect(listUnder('bot_events')).toEqual([
      'app_mention',
      'message.im',
      'app_home_opened',
      'link_shared',
    ]);
  });

  it('opens the Messages tab and hints every /poster form', () => {
    expect(manifest).toContain('messages_tab_enabled: true');
    expect(manifest).toContain('home_tab_enabled: true'); // app_home_opened → views.publish
    expect(manifest).toContain(
      'usage_hint: "[keywords | author <name> | now | next | today | help]"',
    );
  });

  it('declares the two shortcuts the listeners answer, by callback id', () => {
    const callbackIds = [...manifest.matchAll(/^\s+callback_id: (\S+)$/gm)].map((m) => m[1]);
    expect(callbackIds.sort()).toEqual(Object.values(SHORTCUT_IDS).sort());
    // Shortcuts, the form and every button arrive as interactions.
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/- name: Find a poster\n\s+type: global\n\s+callback_id: find_poster/);
    expect(manifest).toMatch(
      /- name: Find posters about this\n\s+type: message\n\s+callback_id: find_posters_about/,
    );
  });

  it('lists the domains of the shipped data as unfurl domains, at most five', () => {
    const domains = listUnder('unfurl_domains');
    expect(domains.length).toBeLessThanOrEqual(MAX_UNFURL_DOMAINS);
    const shipped = createLinkResolver(loadCatalog('data').catalog.papers).domains();
    expect(shipped).toEqual(['iclr.cc', 'openreview.net']);
    // Slack matches subdomains: a listed domain covers www.<domain>.
    for (const host of shipped) expect(domains).toContain(host);
  });

  it.skipIf(skipWithoutSharedData(SHARED_DATA))('covers the domains of ../shared/data too', () => {
    const domains = listUnder('unfurl_domains');
    const shared = createLinkResolver(loadCatalog(SHARED_DATA).catalog.papers).domains();
    expect(shared.length).toBeGreaterThan(0);
    for (const host of shared) expect(domains).toContain(host);
  });
});
