/**
 * The search form's fields out of a modal's `view.state.values` (block id → action id →
 * element state), as Slack sends them in `view_submission`. Nothing is trusted here: the
 * values are checked against the form's own choices by the bot (src/bot/search-form.ts).
 * https://api.slack.com/reference/interaction-payloads/views#view_submission
 */
import { FORM_IDS } from '../blocks/ids.ts';
import type { RawFormInput } from '../bot/search-form.ts';

/** One element's state: a text input's `value`, a select's option, checkboxes' options. */
interface ElementState {
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[] | null;
}

type StateValues = Record<string, Record<string, ElementState | undefined> | undefined>;

export function readFormValues(values: unknown): RawFormInput {
  const state = (typeof values === 'object' && values !== null ? values : {}) as StateValues;
  const element = (id: string): ElementState | undefined => state[id]?.[id];
  return {
    query: element(FORM_IDS.query)?.value ?? '',
    session: element(FORM_IDS.session)?.selected_option?.value,
    day: element(FORM_IDS.day)?.selected_option?.value,
    kind: element(FORM_IDS.kind)?.selected_option?.value,
    code: element(FORM_IDS.code)?.selected_options?.some((o) => o.value === 'code') === true,
  };
}
