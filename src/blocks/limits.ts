/**
 * Slack's Block Kit limits, in one place (../shared/SLACK.md; where docs and SDK validators
 * disagree, the smaller number). Renderers truncate against these, so a payload never
 * exceeds them by construction.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  /** Options of a static select, their text and value. */
  selectOptions: 100,
  optionText: 75,
  optionValue: 75,
  actionId: 255,
  blockId: 255,
  /** Undocumented: Slack answers `msg_blocks_too_long` near 12–13k; we stay under this. */
  messageTotalText: 11_000,
  /** The notification / screen-reader fallback. */
  fallbackText: 4000,
} as const;
