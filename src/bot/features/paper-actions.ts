/** The buttons on every poster card: read the abstract, share the card with the channel. */
import { ACTION_IDS } from '../../blocks/ids.ts';
import { renderAbstract, renderNotice, renderShared } from '../../blocks/paper.ts';
import type { Paper } from '../../catalog/types.ts';
import type { BotContext, Feature } from '../feature.ts';
import type { Reply } from '../types.ts';

export function createPaperActionsFeature({ index, sessions }: BotContext): Feature {
  function withPaper(id: string, render: (paper: Paper) => Reply): Reply {
    const paper = index.get(id);
    if (!paper) {
      return {
        kind: 'ephemeral',
        message: renderNotice('That poster is no longer in the catalog.'),
      };
    }
    return render(paper);
  }

  return {
    name: 'paper-actions',
    actions: {
      // In a modal (the search form) there is no conversation to share into: no Share.
      [ACTION_IDS.paperAbstract]: (id, asker) =>
        withPaper(id, (paper) => ({
          kind: 'ephemeral',
          message: renderAbstract(paper, sessions, { share: asker.surface !== 'modal' }),
        })),
      [ACTION_IDS.paperShare]: (id, asker) =>
        withPaper(id, (paper) => ({
          kind: 'in_channel',
          message: renderShared(paper, asker.userId, sessions),
        })),
    },
  };
}
