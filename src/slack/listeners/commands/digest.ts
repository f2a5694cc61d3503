import { mrkdwn } from '../../../block-kit/text.js';
import type { KnownBlock, SlackMessage } from '../../../block-kit/types.js';
import { ledgerRow } from '../../../digest/ledger.js';
import type { DigestCommandDeps } from '../../../digest/start.js';
import { hint, note, renderStatus, shown } from '../../../digest/status.js';
import { findSubscription, setTopics, subscribe, unsubscribe } from '../../../digest/subscriptions.js';
import { nextRun } from '../../../digest/times.js';
import { localDate, parseTimeOfDay, parseTimeZone, whenLocal } from '../../../local-time.js';
import { StoreUnavailableError } from '../../../store/store.js';

/** Where the command was typed. */
export interface DigestCommandContext {
  channelId: string;
  /** Slack's `channel_name`: "directmessage" in a DM with the bot, "privategroup" in some private channels. */
  channelName?: string | undefined;
  userId: string;
}

const USAGE = [
  '*Daily digest* — the day’s top stories, posted here once a day.',
  '• `/news digest on [HH:MM] [Area/City]` — e.g. `/news digest on 08:30 Europe/Paris`',
  '• `/news digest topics &lt;query&gt;` — only stories matching a `/news` query (empty: all news)',
  '• `/news digest off`, `/news digest status`, `/news digest preview`',
].join('\n');

/** Is this `/news` text a digest subcommand ("digest", "digest on 9:00")? */
export function isDigestCommand(text: string): boolean {
  return /^digest(\s|$)/i.test(text.trim());
}

function isDirectMessage(ctx: DigestCommandContext): boolean {
  return ctx.channelName === 'directmessage' || ctx.channelId.startsWith('D');
}

/**
 * `/news digest on|off|topics|status|preview`. Returns the (ephemeral) reply; never throws for a
 * store that is down: the person is told, and `/news` itself keeps working.
 */
export async function digestCommand(
  text: string,
  ctx: DigestCommandContext,
  deps: DigestCommandDeps | undefined,
): Promise<SlackMessage> {
  if (deps === undefined) return note('Daily digests are not available here.');
  const [, sub = '', ...rest] = text.trim().split(/\s+/);
  const args = rest.join(' ');
  const dm = isDirectMessage(ctx);
  // In a DM the digest is personal: it goes to the person (Slack opens the DM with the app).
  const conversationId = dm ? ctx.userId : ctx.channelId;
  const here = dm ? 'for you' : 'in this channel';
  try {
    switch (sub.toLowerCase()) {
      case 'on':
        return await turnOn(args, ctx, deps, { conversationId, dm, here });
      case 'off':
        return (await deps.store.use((db) => unsubscribe(db, conversationId, deps.now())))
          ? note(`Daily digest turned off ${here}.`)
          : note(`There was no daily digest ${here}.`);
      case 'topics': {
        const topics = args.trim();
        const ok = await deps.store.use((db) => setTopics(db, conversationId, topics, deps.now()));
        if (!ok) return note(`Turn the digest on first: \`/news digest on\`.`);
        return note(topics ? `Digest topics set to *${shown(topics)}*.` : 'Digest topics cleared: all news.');
      }
      case 'status': {
        const found = await deps.store.use((db) => findSubscription(db, conversationId));
        const now = deps.now();
        const today =
          found &&
          (await deps.store.use((db) =>
            ledgerRow(db, { conversationId, localDate: localDate(now, found.time_zone) }),
          ));
        return renderStatus(found, today, now, here);
      }
      case 'preview':
        return await preview(conversationId, deps);
      default:
        return note(USAGE);
    }
  } catch (err) {
    if (err instanceof StoreUnavailableError) {
      return note(
        'The digest settings cannot be reached right now (the database is down or still starting). `/news` still works; try again in a minute.',
      );
    }
    throw err;
  }
}

async function turnOn(
  args: string,
  ctx: DigestCommandContext,
  deps: DigestCommandDeps,
  where: { conversationId: string; dm: boolean; here: string },
): Promise<SlackMessage> {
  const { defaultTime, defaultZone } = deps.service.settings;
  let time = defaultTime;
  let zone = defaultZone;
  for (const token of args.split(/\s+/).filter(Boolean)) {
    if (/^\d/.test(token)) {
      const parsed = parseTimeOfDay(token);
      if (parsed === null) {
        return note(
          `*${shown(token, 40)}* is not a time of day. Use 24-hour HH:MM, for example \`/news digest on 08:30 Europe/Paris\`.`,
        );
      }
      time = parsed;
    } else {
      const parsed = parseTimeZone(token);
      if (parsed === null) {
        return note(
          `*${shown(token, 60)}* is not a time zone I know. Use an Area/City name, for example \`/news digest on 08:30 America/New_York\` (or \`UTC\`).`,
        );
      }
      zone = parsed;
    }
  }
  const now = deps.now();
  const sub = await deps.store.use((db) =>
    subscribe(db, {
      conversationId: where.conversationId,
      kind: where.dm ? 'person' : 'channel',
      time,
      timeZone: zone,
      by: ctx.userId,
      now,
    }),
  );
  const lines = [
    `Daily digest on ${where.here} at *${time}* (${shown(zone, 60)}). Next: ${whenLocal(nextRun(sub, now), zone)}.`,
    sub.topics
      ? `Topics: *${shown(sub.topics)}* (\`/news digest topics\` with nothing after it clears them).`
      : 'Topics: all news; `/news digest topics &lt;query&gt;` narrows it.',
  ];
  if (!where.dm && (ctx.channelName === 'privategroup' || ctx.channelId.startsWith('G'))) {
    lines.push(
      `This looks like a private channel${hint('not_in_channel').replace(' — this is a private channel', '')}.`,
    );
  }
  return note(lines.join('\n'));
}

const previewNote: KnownBlock = {
  type: 'context',
  elements: [mrkdwn('Preview of the digest if it were posted now — only you can see this.')],
};

async function preview(conversationId: string, deps: DigestCommandDeps): Promise<SlackMessage> {
  const sub = await deps.store
    .use((db) => findSubscription(db, conversationId))
    .catch((err: unknown) => {
      if (err instanceof StoreUnavailableError) return undefined;
      throw err;
    });
  const { defaultZone } = deps.service.settings;
  const { message } = await deps.service.compose({
    topics: sub?.enabled ? sub.topics : '',
    timeZone: sub?.time_zone ?? defaultZone,
    now: deps.now(),
    empty: 'post',
  });
  const digest = message ?? note('Nothing new in the last 24 hours.');
  return {
    text: digest.text,
    blocks: [previewNote, ...digest.blocks],
  };
}
