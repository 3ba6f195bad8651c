/** ◂ Prev / Next ▸ under any list of results: the request travels in the button's value. */
import { ACTION_IDS } from '../../blocks/ids.ts';
import { renderNotice } from '../../blocks/paper.ts';
import type { BotContext, Feature } from '../feature.ts';
import { decodeRequest } from '../results-request.ts';
import type { Reply } from '../types.ts';

export function createPagingFeature({ pages }: BotContext): Feature {
  const turn = (value: string): Reply => {
    const request = decodeRequest(value);
    const message = request && pages.show(request);
    if (message) return { kind: 'replace', message };
    return {
      kind: 'ephemeral',
      message: renderNotice('Those results are no longer available. Try your search again.'),
    };
  };
  return {
    name: 'paging',
    actions: { [ACTION_IDS.resultsPrev]: turn, [ACTION_IDS.resultsNext]: turn },
  };
}
