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
