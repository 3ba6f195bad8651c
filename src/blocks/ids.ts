/**
 * Action ids, one table. Prefixes route clicks to listeners (`results_`, `paper_`, `search_`,
 * `author_`, `schedule_`); each id ≤ 255 chars (Block Kit).
 */
export const ACTION_IDS = {
  resultsPrev: 'results_prev_page',
  resultsNext: 'results_next_page',
  paperAbstract: 'paper_show_abstract',
  paperShare: 'paper_share',
  searchSuggestion: 'search_suggestion',
  authorPick: 'author_pick',
  /** "Similar" on a card: posters like this one (src/bot/features/similar.ts). */
  similarShow: 'similar_show',
} as const;

// --- links (issue 13): the search form and the shortcuts ---

/**
 * The search form's elements ("Find a poster"). Kept out of `ACTION_IDS` on purpose: their
 * clicks come from a modal and are handled by their own listener (views.update), not by the
 * message-button listener that routes `ACTION_IDS` prefixes.
 */
export const FORM_IDS = {
  /** The modal's `callback_id`: its submission (view_submission). */
  view: 'form_search',
  query: 'form_query',
  session: 'form_session',
  day: 'form_day',
  kind: 'form_kind',
  code: 'form_code',
  prev: 'form_prev_page',
  next: 'form_next_page',
} as const;

/** The shortcuts' `callback_id`s, as in manifest.yml. */
export const SHORTCUT_IDS = {
  /** Global: "Find a poster" opens the search form. */
  findPoster: 'find_poster',
  /** On a message: "Find posters about this". */
  aboutMessage: 'find_posters_about',
} as const;
