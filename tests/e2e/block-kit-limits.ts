import { LIMITS } from '../../src/block-kit/limits.js';

interface AnyBlock {
  type: string;
  text?: { text?: string };
  fields?: { text?: string }[];
  elements?: { type?: string; text?: unknown; action_id?: string; value?: string }[];
}

/** Every Block Kit limit a message breaks, as readable strings (empty when Slack would accept it). */
export function blockKitViolations(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof message.text !== 'string' || message.text === '') problems.push('no fallback text');
  const blocks = (Array.isArray(message.blocks) ? message.blocks : []) as AnyBlock[];
  if (blocks.length > LIMITS.blocksPerMessage) problems.push(`${blocks.length} blocks`);
  for (const [i, block] of blocks.entries()) {
    const at = `block ${i} (${block.type})`;
    if (block.type === 'section') {
      const length = block.text?.text?.length ?? 0;
      if (length === 0 || length > LIMITS.sectionText) problems.push(`${at}: text length ${length}`);
    }
    if (block.type === 'header' && (block.text?.text?.length ?? 0) > LIMITS.headerText) {
      problems.push(`${at}: header too long`);
    }
    if (block.type === 'context') {
      const elements = block.elements ?? [];
      if (elements.length === 0 || elements.length > LIMITS.contextElements) {
        problems.push(`${at}: ${elements.length} elements`);
      }
      for (const e of elements) {
        const length = typeof e.text === 'string' ? e.text.length : 0;
        if (length === 0 || length > LIMITS.contextText)
          problems.push(`${at}: element text length ${length}`);
      }
    }
    if (block.type === 'actions') {
      for (const e of block.elements ?? []) {
        const label = (e.text as { text?: string } | undefined)?.text ?? '';
        if (label.length === 0 || label.length > LIMITS.buttonText) problems.push(`${at}: button label`);
        if ((e.action_id?.length ?? 0) > LIMITS.actionId) problems.push(`${at}: action_id too long`);
        if ((e.value?.length ?? 0) > LIMITS.buttonValue) problems.push(`${at}: button value too long`);
      }
    }
  }
  return problems;
}
