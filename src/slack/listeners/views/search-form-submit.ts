/**
 * The search form submitted: the results replace the form's lower part in the same modal
 * (`response_action: update`, in the acknowledgement itself, within Slack's 3 s: the search
 * is synchronous and takes milliseconds). https://api.slack.com/surfaces/modals#updating_response
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { LinkReplies } from '../../../bot/types.ts';
import type { Logger } from '../../../log.ts';
import { teamOf } from '../../team.ts';
import { readFormValues } from '../../view-state.ts';
import { modalView } from '../../views.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export interface SearchFormSubmitDeps {
  links: LinkReplies;
  log: Logger;
}

export function createSearchFormSubmit({ links, log }: SearchFormSubmitDeps) {
  return async ({ view, body, ack }: SubmitArgs): Promise<void> => {
    try {
      const asker = { userId: body.user.id, ...teamOf(body), surface: 'modal' as const };
      const values = readFormValues(view.state.values);
      const next = await links.searchForm({ kind: 'submit', values }, asker);
      await ack({ response_action: 'update', view: modalView(next) });
    } catch (error) {
      log.error({ err: error, userId: body.user.id }, 'could not search from the form');
      // Closing would lose what was typed; an error under the search box keeps it.
      await ack({
        response_action: 'errors',
        errors: { form_query: 'Sorry, something went wrong on our side. Try again.' },
      });
    }
  };
}
