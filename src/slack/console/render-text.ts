import type { types } from '@slack/bolt';
import type { SlackMessage } from '../../block-kit/types.js';
import { terminalText } from '../../terminal-text.js';

export interface TextRenderOptions {
  /** ANSI styles (bold, italic, grey context lines). Off by default: plain text for pipes and files. */
  color?: boolean;
}

type TextObject = types.PlainTextElement | types.MrkdwnElement;

const ANSI = {
  bold: ['\u001b[1m', '\u001b[22m'],
  italic: ['\u001b[3m', '\u001b[23m'],
  strike: ['\u001b[9m', '\u001b[29m'],
  grey: ['\u001b[90m', '\u001b[39m'],
} as const;
type Style = keyof typeof ANSI;

const DIVIDER = '─'.repeat(40);
/** Placeholder delimiters for links while inline formatting is parsed (private-use characters). */
const LINK_OPEN = '\ue000';
const LINK_CLOSE = '\ue001';

/**
 * A Slack message as terminal text, for console mode and logs: mrkdwn formatting becomes ANSI
 * styles (or nothing), `<url|title>` becomes "title (url)", mentions become "@name", entities are
 * unescaped, and buttons are listed as "[More] [Share to channel]". Control characters from the
 * message are dropped, so article text cannot move the cursor or clear the screen.
 */
export function renderMessageAsText(message: SlackMessage, options: TextRenderOptions = {}): string {
  const color = options.color ?? false;
  const lines = message.blocks.flatMap((block) => blockLines(block, color));
  if (lines.length === 0) lines.push(mrkdwnToText(message.text, color));
  return lines.join('\n');
}

function blockLines(block: SlackMessage['blocks'][number], color: boolean): string[] {
  switch (block.type) {
    case 'header':
      return [style(plain(block.text.text), 'bold', color)];
    case 'section': {
      const parts = [block.text, ...(block.fields ?? [])].filter((t): t is TextObject => t !== undefined);
      const lines = parts.map((t) => textObject(t, color));
      const accessory = block.accessory ? elementLabel(block.accessory) : null;
      if (accessory) lines.push(accessory);
      return lines;
    }
    case 'context': {
      const texts = block.elements.map((e) =>
        'text' in e && typeof e.text === 'string' ? textObject(e, color) : '',
      );
      return [style(texts.filter(Boolean).join('  '), 'grey', color)];
    }
    case 'divider':
      return [style(DIVIDER, 'grey', color)];
    case 'actions': {
      const labels = block.elements.map(elementLabel).filter((l): l is string => l !== null);
      return labels.length ? [labels.join(' ')] : [];
    }
    case 'image':
      return [`[image: ${plain(block.alt_text)}]`];
    default:
      return [];
  }
}

function textObject(text: TextObject, color: boolean): string {
  return text.type === 'mrkdwn' ? mrkdwnToText(text.text, color) : terminalText(text.text);
}

/** "[More]" for a button or any element with a label; null for elements with nothing to show. */
function elementLabel(element: object): string | null {
  const label =
    'text' in element && isTextObject(element.text)
      ? element.text.text
      : 'placeholder' in element && isTextObject(element.placeholder)
        ? element.placeholder.text
        : null;
  return label === null ? null : `[${plain(label)}]`;
}

function isTextObject(value: unknown): value is TextObject {
  return (
    typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string'
  );
}

/** mrkdwn → terminal text. Links are set aside first so their URLs are not read as formatting. */
function mrkdwnToText(mrkdwn: string, color: boolean): string {
  const links: string[] = [];
  const withoutLinks = terminalText(mrkdwn)
    .replace(/[\ue000\ue001]/g, '')
    .replace(/<([^<>]*)>/g, (_, inner: string) => {
      links.push(linkText(inner));
      return `${LINK_OPEN}${links.length - 1}${LINK_CLOSE}`;
    });
  const formatted = withoutLinks
    .split('\n')
    .map((line) => formatLine(line, color))
    .join('\n');
  return unescapeEntities(formatted).replace(
    new RegExp(`${LINK_OPEN}(\\d+)${LINK_CLOSE}`, 'g'),
    (_, i: string) => links[Number(i)] ?? '',
  );
}

/** `<url|label>` → "label (url)", `<@U1>` → "@U1", `<#C1|general>` → "#general", `<!here>` → "@here". */
function linkText(inner: string): string {
  const bar = inner.indexOf('|');
  const target = unescapeEntities(bar === -1 ? inner : inner.slice(0, bar));
  const label = bar === -1 ? null : unescapeEntities(inner.slice(bar + 1));
  if (target.startsWith('@')) return label ? `@${label}` : target;
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
  return label ? `${label} (${target})` : target;
}

/** Block quotes, then *bold*, _italic_ and ~strike~ where Slack would see them (markers at word edges). */
function formatLine(line: string, color: boolean): string {
  const quoted = line.replace(/^&gt;\s?/, '│ ');
  return inline(inline(inline(quoted, '*', 'bold', color), '_', 'italic', color), '~', 'strike', color);
}

function inline(text: string, marker: string, kind: Style, color: boolean): string {
  const m = marker === '*' ? '\\*' : marker; // only `*` needs escaping in a unicode pattern
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}${m}])${m}(?=\\S)([^${m}]*?\\S)${m}(?![\\p{L}\\p{N}])`, 'gu');
  return text.replace(
    pattern,
    (_, before: string, inside: string) => `${before}${style(inside, kind, color)}`,
  );
}

function style(text: string, kind: Style, color: boolean): string {
  return color ? `${ANSI[kind][0]}${text}${ANSI[kind][1]}` : text;
}

function plain(text: string): string {
  return terminalText(text).replace(/\n+/g, ' ');
}

function unescapeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_, name: string) =>
    name === 'lt' ? '<' : name === 'gt' ? '>' : '&',
  );
}
