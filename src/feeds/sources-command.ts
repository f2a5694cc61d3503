import { escapeMrkdwn } from '../block-kit/escape.js';
import type { SlackMessage } from '../block-kit/types.js';
import type { FeedPoller } from './poller.js';
import { feedUrlProblem } from './sources.js';
import { renderSourcesList, renderSourcesNotice } from './sources-reply.js';

/** What `/news sources …` asks for. */
export type SourcesRequest =
  | { kind: 'list' }
  | { kind: 'add'; url: string; name: string | null }
  | { kind: 'remove'; target: string }
  | { kind: 'usage' };

const USAGE =
  'Usage: `/news sources` lists the live sources; `/news sources add &lt;url&gt; [name]` and `/news sources remove &lt;url|name&gt;` change them (admins only).';

/** True when a /news query is a sources command ("sources", "sources add …"). */
export function isSourcesCommand(query: string): boolean {
  return /^sources(\s|$)/i.test(query.trim());
}

/** Reads the words after `/news` (plain text, Slack's link markup already removed). */
export function parseSourcesRequest(query: string): SourcesRequest {
  const [, verb = '', ...rest] = query.trim().split(/\s+/);
  const lower = verb.toLowerCase();
  if (lower === '' || lower === 'list') return rest.length === 0 ? { kind: 'list' } : { kind: 'usage' };
  if (lower === 'add') {
    const [url, ...name] = rest;
    if (url === undefined) return { kind: 'usage' };
    return { kind: 'add', url, name: name.length > 0 ? name.join(' ') : null };
  }
  if (lower === 'remove' || lower === 'rm' || lower === 'delete') {
    if (rest.length === 0) return { kind: 'usage' };
    return { kind: 'remove', target: rest.join(' ') };
  }
  return { kind: 'usage' };
}

/** The part of the feed poller the command uses (the whole poller in `serve`). */
export type SourcesDesk = Pick<FeedPoller, 'report' | 'addSource' | 'removeSource'>;

export interface SourcesCommandDeps {
  desk: SourcesDesk;
  /** NEWSBOT_ADMINS: the Slack users who may add and remove sources. */
  admins: readonly string[];
  defaultIntervalSeconds: number;
  now: () => Date;
}

function notManagedHere(admins: readonly string[]): SlackMessage {
  const who =
    admins.length === 0
      ? 'No admins are set (`NEWSBOT_ADMINS`), so sources'
      : 'Only the admins listed in `NEWSBOT_ADMINS` can change sources here; otherwise they';
  return renderSourcesNotice(
    `${who} are managed by \`FEEDS\`, \`data/feeds.yml\` and the command line (\`newsbot sources\`).`,
  );
}

/** Answers `/news sources …` for `userId`. Every untrusted piece of the reply is escaped. */
export async function answerSourcesCommand(
  query: string,
  userId: string,
  deps: SourcesCommandDeps,
): Promise<SlackMessage> {
  const request = parseSourcesRequest(query);
  if (request.kind === 'usage') return renderSourcesNotice(USAGE);
  if (request.kind === 'list') return renderSourcesList(await deps.desk.report(), deps.now());
  if (!deps.admins.includes(userId)) return notManagedHere(deps.admins);
  if (request.kind === 'add') {
    const problem = feedUrlProblem(request.url);
    if (problem !== null) return renderSourcesNotice(`Cannot add that feed: ${escapeMrkdwn(problem)}.`);
    const existing = (await deps.desk.report()).find((r) => r.url === request.url);
    if (existing) return renderSourcesNotice(`Already polled as *${escapeMrkdwn(existing.name)}*.`);
    await deps.desk.addSource(request.url, request.name, deps.defaultIntervalSeconds);
    return renderSourcesNotice(
      `Added ${escapeMrkdwn(request.url)}${request.name ? ` as *${escapeMrkdwn(request.name)}*` : ''}; it is polled now, and \`/news sources\` shows how it went.`,
    );
  }
  const result = await deps.desk.removeSource(request.target);
  if ('notFound' in result) return renderSourcesNotice(`No source matches ${escapeMrkdwn(request.target)}.`);
  if ('configured' in result) {
    const where = result.configured.from === 'env' ? '`FEEDS`' : '`data/feeds.yml`';
    return renderSourcesNotice(
      `${escapeMrkdwn(result.configured.url)} comes from ${where}: remove it there.`,
    );
  }
  return renderSourcesNotice(
    `Removed ${escapeMrkdwn(result.removed.url)} and its ${result.articles} article${result.articles === 1 ? '' : 's'}.`,
  );
}
