/**
 * Wire and agency credits. A credit line ends the article body ("ABC/wires"); a trailing
 * credit ("… the war is. with Reuters") is cut from the last paragraph. Group 1 of each
 * pattern is the credit as stored. A new agency or house style is one more line here.
 */
const WIRES =
  'AAP|AP|AFP|Reuters|Bloomberg|dpa|PA|PA Media|Associated Press|Agence France-Presse|wires?|agencies';

export const CREDIT_LINES: readonly RegExp[] = [
  // "ABC/wires", "SBS/AAP"
  new RegExp(`^([A-Z][A-Za-z0-9&.' ]{0,30}/(?:${WIRES}))$`),
  // "Reuters", "— AAP"
  new RegExp(`^(?:[-–—]\\s*)?(${WIRES})$`),
  // "with Reuters", "Additional reporting by AP"
  new RegExp(`^(?:with|additional reporting by) (${WIRES})\\.?$`, 'i'),
];

// Only after a finished sentence: "… in an interview with Reuters." is body text, not a credit.
export const TRAILING_CREDITS: readonly RegExp[] = [new RegExp(`(?<=[.!?]["'”’]?)\\s+with (${WIRES})$`)];

/** The credit a line consists of, or null. */
export function creditLine(line: string): string | null {
  for (const pattern of CREDIT_LINES) {
    const match = pattern.exec(line);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** A credit at the very end of a paragraph, cut off: `{ text, credit }`, or null when there is none. */
export function splitTrailingCredit(paragraph: string): { text: string; credit: string } | null {
  if (!paragraph.includes(' with ')) return null; // the only shape below, checked cheaply first
  for (const pattern of TRAILING_CREDITS) {
    const match = pattern.exec(paragraph);
    if (match?.[1]) return { text: paragraph.slice(0, match.index).trimEnd(), credit: match[1] };
  }
  return null;
}
