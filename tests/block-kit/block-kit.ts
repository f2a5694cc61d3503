import type { KnownBlock, SlackMessage } from '../../src/block-kit/types.js';

/** Every mrkdwn / plain_text string in a message, with where it sits, for checks over all text. */
export function messageTexts(
  message: SlackMessage,
): { where: string; type: 'mrkdwn' | 'plain_text'; text: string }[] {
  const found: { where: string; type: 'mrkdwn' | 'plain_text'; text: string }[] = [
    { where: 'text', type: 'mrkdwn', text: message.text },
  ];
  const visit = (value: unknown, where: string) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${where}[${i}]`);
    } else if (typeof value === 'object' && value !== null) {
      const o = value as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') {
        found.push({ where, type: o.type, text: o.text });
      } else for (const [k, v] of Object.entries(o)) visit(v, `${where}.${k}`);
    }
  };
  visit(message.blocks, 'blocks');
  return found;
}

/**
 * The Block Kit limits a message breaks (empty when none): the checks Slack makes before it
 * rejects a whole message with `invalid_blocks`.
 */
export function blockKitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(typeof message.text === 'string' && message.text.length > 0, 'fallback text missing');
  check(message.text.length <= 3000, `fallback text is ${message.text.length} characters`);
  check(message.blocks.length <= 50, `${message.blocks.length} blocks`);
  const blockIds = new Set<string>();
  message.blocks.forEach((block: KnownBlock, i) => {
    const at = `block ${i} (${block.type})`;
    if (block.block_id !== undefined) {
      check(!blockIds.has(block.block_id), `${at}: duplicate block_id`);
      blockIds.add(block.block_id);
      check(block.block_id.length <= 255, `${at}: block_id too long`);
    }
    switch (block.type) {
      case 'section':
        check(block.text !== undefined || (block.fields?.length ?? 0) > 0, `${at}: no text`);
        if (block.text) {
          check(block.text.text.length >= 1, `${at}: empty text`);
          check(block.text.text.length <= 3000, `${at}: text is ${block.text.text.length} characters`);
        }
        break;
      case 'header':
        check(block.text.text.length >= 1 && block.text.text.length <= 150, `${at}: header length`);
        break;
      case 'context':
        check(
          block.elements.length >= 1 && block.elements.length <= 10,
          `${at}: ${block.elements.length} elements`,
        );
        for (const e of block.elements) {
          if ('text' in e && typeof e.text === 'string') {
            check(e.text.length >= 1 && e.text.length <= 3000, `${at}: element text length ${e.text.length}`);
          }
        }
        break;
      case 'actions': {
        check(
          block.elements.length >= 1 && block.elements.length <= 25,
          `${at}: ${block.elements.length} elements`,
        );
        const actionIds = new Set<string>();
        for (const e of block.elements) {
          if (e.type !== 'button') continue;
          check(e.text.text.length >= 1 && e.text.text.length <= 75, `${at}: button text length`);
          check(
            (e.value ?? '').length <= 2000,
            `${at}: button value is ${(e.value ?? '').length} characters`,
          );
          check((e.action_id ?? '').length <= 255, `${at}: action_id too long`);
          if (e.action_id) {
            check(!actionIds.has(e.action_id), `${at}: duplicate action_id`);
            actionIds.add(e.action_id);
          }
        }
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${at}: unexpected block type`);
    }
  });
  return problems;
}

/**
 * The `<…>` sequences and stray `&`/`<`/`>` in a mrkdwn string that the renderer did not make:
 * ours are http(s) links whose label has no `|`, and `<@U…>` mentions.
 */
export function foreignMarkup(mrkdwn: string): string[] {
  const foreign: string[] = [];
  const rest = mrkdwn.replace(/<([^<>]*)>/g, (whole, inner: string) => {
    const ours = /^https?:\/\/[^\s|<>]+\|[^|<>]+$/.test(inner) || /^@[UW][A-Z0-9]+$/.test(inner);
    if (!ours) foreign.push(whole);
    return '';
  });
  for (const m of rest.matchAll(/[<>]|&(?!(?:amp|lt|gt);)/g)) foreign.push(m[0]);
  return foreign;
}
