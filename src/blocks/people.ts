import type { KnownBlock } from '@slack/types';
import { button } from './button.ts';
import { escapeMrkdwn, truncate } from './escape.ts';
import { ACTION_IDS } from './ids.ts';
import type { SlackMessage } from './message.ts';

/** A person offered as a button: their name, how many posters, and the key the click sends. */
export interface PersonChoice {
  key: string;
  name: string;
  posters: number;
}

/** At most this many people as buttons; more would be a wall, not a choice. */
export const MAX_PEOPLE_SHOWN = 12;

/**
 * "Several people match ‘Li’" (a list to pick from) or "No author matches ‘Hsiej’. Did you
 * mean Cho-Jui Hsieh?" (near misses). Each person is a button that runs their search.
 */
export function renderPeople(
  query: string,
  people: readonly PersonChoice[],
  mode: 'pick' | 'did_you_mean',
): SlackMessage {
  const echoed = escapeMrkdwn(truncate(query, 200));
  const shown = people.slice(0, MAX_PEOPLE_SHOWN);
  const first = shown[0];
  const lead =
    mode === 'pick'
      ? `${people.length} people match ‘${echoed}’. Whose posters do you want?`
      : `No author matches ‘${echoed}’.${first && shown.length === 1 ? ` Did you mean *${escapeMrkdwn(first.name)}*?` : ' Did you mean:'}`;
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'people_lead', text: { type: 'mrkdwn', text: lead } },
  ];
  if (shown.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'people_choices',
      elements: shown.map((person, i) =>
        button(
          `${person.name} · ${person.posters} poster${person.posters === 1 ? '' : 's'}`,
          `${ACTION_IDS.authorPick}_${i}`,
          person.key,
        ),
      ),
    });
  }
  if (people.length > shown.length) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `… and ${people.length - shown.length} more. Type a fuller name to narrow it down.`,
        },
      ],
    });
  }
  const text =
    mode === 'pick'
      ? `${people.length} people match ‘${echoed}’`
      : `No author matches ‘${echoed}’${first ? `. Did you mean ${escapeMrkdwn(first.name)}?` : ''}`;
  return { text, blocks };
}
