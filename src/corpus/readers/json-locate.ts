// Line numbers inside JSON text, for warnings that point at the right place.

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** 1-based lines of ascending offsets, in one pass. */
export function linesAt(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let position = 0;
  for (const offset of offsets) {
    for (let i = text.indexOf('\n', position); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      position = i + 1;
    }
    lines.push(line);
  }
  return lines;
}

/** Start offsets of the elements of a top-level JSON array (the text must be valid JSON). */
export function arrayElementOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    const space = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
    if (depth === 1 && expectElement && !space && c !== 0x5d) {
      offsets.push(i);
      expectElement = false;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth === 1) expectElement = true;
  }
  return offsets;
}

/** Line of `"field":` within text[start, end), or null when it is not written there. */
export function fieldLine(text: string, start: number, end: number, field: string): number | null {
  const pattern = new RegExp(`"${field.replace(/[^\w]/g, '\\$&')}"\\s*:`, 'g');
  pattern.lastIndex = start;
  const match = pattern.exec(text);
  return match && match.index < end ? lineAt(text, match.index) : null;
}

class SyntaxStop {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Offset of the first character that makes `text` invalid JSON (text.length when it ends too
 * early). JSON.parse does not always say where; this small recogniser does.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxStop(i);
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') fail();
      i += c === '\\' ? 2 : 1;
    }
    fail();
  };
  const sequence = (close: string, item: () => void): void => {
    i++;
    skipSpace();
    if (text.charAt(i) === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      skipSpace();
      const c = text.charAt(i);
      if (c === close) {
        i++;
        return;
      }
      if (c !== ',') fail();
      i++;
    }
  };
  const value = (): void => {
    skipSpace();
    const c = text.charAt(i);
    if (c === '{') {
      sequence('}', () => {
        skipSpace();
        if (text.charAt(i) !== '"') fail();
        string();
        skipSpace();
        if (text.charAt(i) !== ':') fail();
        i++;
        value();
      });
    } else if (c === '[') sequence(']', value);
    else if (c === '"') string();
    else {
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
      if (literal) i += literal.length;
      else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) fail();
        i = NUMBER.lastIndex;
      }
    }
  };
  try {
    value();
    skipSpace();
    if (i < text.length) fail();
    return -1;
  } catch (err) {
    if (err instanceof SyntaxStop) return err.offset;
    throw err;
  }
}
