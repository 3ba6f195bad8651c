/**
 * Action ids, one table. Prefixes route clicks to listeners (`results_`, `paper_`, `search_`,
 * `author_`, `schedule_`, `plan_`); each id ≤ 255 chars (Block Kit).
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
  /** "Download CSV" in the organisers' report (src/bot/features/organisers.ts). */
  organiserCsv: 'organiser_csv',
  // plan: saving posters and the Home tab (src/bot/features/plan.ts, issue 12).
  /** Save / Saved on a card; the value is the paper id (see src/blocks/plan.ts). */
  planToggle: 'plan_toggle',
  /** Remove in the Home tab; the value is `<page>|<paper id>`. */
  planRemove: 'plan_remove',
  /** Reminders on / off in the Home tab; the value is `on` or `off`. */
  planRemindersToggle: 'plan_reminders_toggle',
  /** ◂ Prev / Next ▸ of a Home tab plan too long for one view; the value is the page. */
  planHomePage: 'plan_home_page',
  /** "Export to calendar" in the Home tab (its handler: the reminders feature); value ''. */
  planExportIcs: 'plan_export_ics',
  // end of plan.
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
