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
  /** "Export to calendar" on the Home tab: my-plan.ics into the DM (features/calendar.ts). */
  planExportIcs: 'plan_export_ics',
} as const;
