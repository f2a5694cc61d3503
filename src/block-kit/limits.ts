/**
 * Block Kit limits (https://docs.slack.dev/reference/block-kit). Slack rejects a whole message
 * that breaks any of them, so every renderer stays within these for every input.
 */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  contextElements: 10,
  /** A mrkdwn or plain_text object inside a context block. */
  contextText: 3000,
  actionId: 255,
  buttonValue: 2000,
  /** The message's top-level `text`: Slack allows far more, but a notification should stay short. */
  fallbackText: 3000,
} as const;
