import { formatDate } from '../../../block-kit/dates.js';
import type { SlackMessage } from '../../../block-kit/types.js';
import { describeUnderstanding } from '../../../block-kit/understood.js';
import { hint, note, shown } from '../../../digest/status.js';
import { parseQuery } from '../../../search/query.js';
import { StoreUnavailableError } from '../../../store/store.js';
import type { WatchCommandDeps } from '../../../watches/start.js';
import { addWatch, removeWatches, watchesOf } from '../../../watches/watches.js';

export interface WatchCommandContext {
  channelId: string;
  channelName?: string | undefined;
  userId: string;
}

const USAGE = [
  '*Topic watches* — new stories on a topic, posted here as they break, once per story.',
  '• `/news watch <query>` — e.g. `/news watch drones poland -sport` (the `/news` query language)',
  '• `/news watch list` — the watches here: who set them, hits, last post, last error',
  '• `/news watch off <id|all>` — stops one watch, or all of them here',
].join('\n');

/** Is this `/news` text a watch subcommand ("watch", "watch drones")? */
export function isWatchCommand(text: string): boolean {
  return /^watch(\s|$)/i.test(text.trim());
}

/** `/news watch <query> | list | off <id|all>`: the (ephemeral) reply; a store that is down is said so. */
export async function watchCommand(
  text: string,
  ctx: WatchCommandContext,
  deps: WatchCommandDeps | undefined,
): Promise<SlackMessage> {
  if (deps === undefined) return note('Topic watches are not available here.');
  const args = text.trim().replace(/^watch\s*/i, '');
  const dm = ctx.channelName === 'directmessage' || ctx.channelId.startsWith('D');
  // In a DM the watch is personal: it posts to the person (Slack opens the DM with the app).
  const conversationId = dm ? ctx.userId : ctx.channelId;
  const here = dm ? 'for you' : 'in this channel';
  try {
    const [first = '', second = ''] = args.split(/\s+/);
    if (args === '' || first.toLowerCase() === 'help') return note(USAGE);
    if (first.toLowerCase() === 'list' && second === '') return await list(deps, conversationId, here);
    if (first.toLowerCase() === 'off') return await off(deps, conversationId, args.slice(3).trim(), here);
    return await start(deps, ctx, conversationId, args, here);
  } catch (err) {
    if (err instanceof StoreUnavailableError)
      return note('The store is unavailable right now, so watches cannot be changed; `/news` still answers.');
    throw err;
  }
}

async function start(
  deps: WatchCommandDeps,
  ctx: WatchCommandContext,
  conversationId: string,
  query: string,
  here: string,
): Promise<SlackMessage> {
  const now = deps.now();
  const parsed = parseQuery(query, now);
  if (parsed.terms.length === 0)
    return note(
      `A watch needs at least one word to look for, e.g. \`/news watch drones poland\`.\n\n${USAGE}`,
    );
  const watch = await deps.store.use((db) =>
    addWatch(db, { conversationId, query, createdBy: ctx.userId }, now),
  );
  await deps.service.refresh();
  const understood = describeUnderstanding(parsed.understood).join(' · ');
  return note(
    [
      `Watching *${shown(query)}* ${here} (watch ${watch.id}): each new story that is about it is posted here once, later outlets in its thread.`,
      `Understood as: ${understood}.`,
      `\`/news watch off ${watch.id}\` stops it; \`/news watch list\` shows the watches here.`,
    ].join('\n'),
  );
}

async function list(deps: WatchCommandDeps, conversationId: string, here: string): Promise<SlackMessage> {
  const watches = await deps.store.use((db) => watchesOf(db, conversationId));
  if (watches.length === 0) return note(`No watches ${here}. ${USAGE}`);
  const lines = watches.map((w) => {
    const last = w.last_posted_at ? formatDate(new Date(w.last_posted_at).getTime()) : 'never';
    const error = w.last_error ? ` · last error: \`${shown(w.last_error, 60)}\`${hint(w.last_error)}` : '';
    return `• *${w.id}* — ${shown(w.query)} · by <@${w.created_by}> · ${w.hits} ${w.hits === 1 ? 'hit' : 'hits'} · last post: ${last}${error}`;
  });
  return note([`*Watches ${here}*`, ...lines].join('\n'));
}

async function off(
  deps: WatchCommandDeps,
  conversationId: string,
  which: string,
  here: string,
): Promise<SlackMessage> {
  const target = which.toLowerCase() === 'all' ? 'all' : /^\d+$/.test(which) ? Number(which) : null;
  if (target === null) return note('Say which watch: `/news watch off 3`, or `/news watch off all`.');
  const removed = await deps.store.use((db) => removeWatches(db, conversationId, target));
  await deps.service.refresh();
  if (target === 'all')
    return note(
      removed ? `Stopped ${removed} ${removed === 1 ? 'watch' : 'watches'} ${here}.` : `No watches ${here}.`,
    );
  return note(
    removed ? `Stopped watch ${target}.` : `There is no watch ${target} ${here} (\`/news watch list\`).`,
  );
}
