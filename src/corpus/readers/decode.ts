import { isUtf8 } from 'node:buffer';

export interface DecodedText {
  text: string;
  /** Set when the bytes were not UTF-8: the 1-based line of the first bad byte (read as Latin-1). */
  latin1Line: number | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const latin1 = new TextDecoder('latin1');

/** UTF-8 when the bytes are UTF-8; otherwise Latin-1, which can read any byte, and where it went wrong. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  try {
    return { text: utf8.decode(bytes), latin1Line: null };
  } catch {
    return { text: latin1.decode(bytes), latin1Line: firstInvalidLine(bytes) };
  }
}

/**
 * True for bytes that are not text: a NUL among the first 8,000 bytes (the rule git uses). Text in
 * any encoding newsbot reads (UTF-8, Latin-1) never holds one.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

export const BINARY_FILE = 'binary file (holds NUL bytes), not text: skipped';

export const LATIN1_FALLBACK = 'not valid UTF-8 (first bad byte on this line): read as Latin-1';

function firstInvalidLine(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!isUtf8(bytes.subarray(start, i))) return line;
      line++;
      start = i + 1;
    }
  }
  return 1;
}
