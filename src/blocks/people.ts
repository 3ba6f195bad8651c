import type { Button, KnownBlock, StaticSelect } from '@slack/types';
import { button } from './button.ts';
import { escapeMrkdwn, truncate } from './escape.ts';
import { ACTION_IDS } from './ids.ts';
import { SLACK_LIMITS } from './limits.ts';
import type { SlackMessage } from './message.ts';

/** A person offered as a button: their name, how many posters, and the key the click sends. */
export interface PersonChoice {
  key: string;
  name: string;
  posters: number;
}

/** The first this many people are buttons; the rest of a longer list go in a menu. */
const MAX_PEOPLE_BUTTONS = 5;

/** At most this many people offered: the buttons and a menu (Slack's limit for a select). */
export const MAX_PEOPLE_SHOWN = MAX_PEOPLE_BUTTONS + SLACK_LIMITS.selectOptions;

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
  const label = (person: PersonChoice) =>
    `${person.name} · ${person.posters} poster${person.posters === 1 ? '' : 's'}`;
  if (shown.length > 0) {
    // The first few are one click away; the rest of a long list (a common surname) go in a
    // menu rather than a wall of buttons.
    const elements: (Button | StaticSelect)[] = shown
      .slice(0, MAX_PEOPLE_BUTTONS)
      .map((person, i) => button(label(person), `${ACTION_IDS.authorPick}_${i}`, person.key));
    const rest = shown.slice(MAX_PEOPLE_BUTTONS);
    if (rest.length > 0) elements.push(peopleMenu(rest, label));
    blocks.push({ type: 'actions', block_id: 'people_choices', elements });
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

/** People in a static select; choosing one sends their key as the `author_pick` value. */
function peopleMenu(
  people: readonly PersonChoice[],
  label: (person: PersonChoice) => string,
): StaticSelect {
  return {
    type: 'static_select',
    action_id: ACTION_IDS.authorPick,
    placeholder: { type: 'plain_text', text: `${people.length} more…` },
    options: people
      // A key longer than an option value allows could not be sent back: left out.
      .filter((person) => person.key.length <= SLACK_LIMITS.optionValue)
      .map((person) => ({
        text: { type: 'plain_text', text: truncate(label(person), SLACK_LIMITS.optionText) },
        value: person.key,
      })),
  };
}
