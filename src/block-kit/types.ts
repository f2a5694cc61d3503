import type { types } from '@slack/bolt';

/** Block Kit types come from @slack/types, re-exported by Bolt, so they always match what Bolt sends. */
export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type Button = types.Button;
export type MrkdwnElement = types.MrkdwnElement;
export type PlainTextElement = types.PlainTextElement;

/** A message as every renderer returns it: ready for `say`, `respond` or `chat.postMessage`. */
export interface SlackMessage {
  /** Fallback for notifications and clients without Block Kit: always present, mrkdwn-escaped. */
  text: string;
  blocks: KnownBlock[];
}
