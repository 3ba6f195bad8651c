/**
 * "Similar" on every card: the posters closest to one paper (built when the catalogue loaded,
 * src/similar/), with their sessions and why, and the other posters of the same people.
 */
import { ACTION_IDS } from '../../blocks/ids.ts';
import { renderNotice } from '../../blocks/paper.ts';
import { renderSimilar, SIMILAR_LIMITS } from '../../blocks/similar.ts';
import type { BotContext, Feature } from '../feature.ts';

export function createSimilarFeature({ similar, sessions, timeZone }: BotContext): Feature {
  return {
    name: 'similar',
    actions: {
      // The value is a paper id; it comes back from the client, so an unknown one is told.
      [ACTION_IDS.similarShow]: (id) => {
        const neighbours = similar.similarTo(id, SIMILAR_LIMITS.posters);
        const paper = neighbours && similar.find(id);
        if (!neighbours || !paper) {
          return {
            kind: 'ephemeral',
            message: renderNotice('That poster is no longer in the catalog.'),
          };
        }
        const byAuthors = similar.moreByAuthors(id);
        return {
          kind: 'ephemeral',
          message: renderSimilar({ paper, similar: neighbours, byAuthors }, { sessions, timeZone }),
        };
      },
    },
  };
}
