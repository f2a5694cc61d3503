/** The pretend workspace console mode plays in. Ids look like Slack's so renderers treat them alike. */
export const CONSOLE = {
  teamId: 'T0CONSOLE',
  userId: 'U0CONSOLE',
  userName: 'you',
  channelId: 'C0CONSOLE',
  dmChannelId: 'D0CONSOLE',
  botId: 'B0NEWSBOT',
  botUserId: 'U0NEWSBOT',
  /** Never resolved: console mode answers these URLs in process (see in-process-web-api.ts). */
  origin: 'http://console.newsbot.invalid',
} as const;
