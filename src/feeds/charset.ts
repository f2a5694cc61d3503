import iconv from 'iconv-lite';

/**
 * Labels browsers read as windows-1252 (WHATWG Encoding): feeds labelled Latin-1 routinely
 * contain €, — and curly quotes, which only windows-1252 has.
 */
const AS_WINDOWS_1252 = new Set([
  'iso-8859-1',
  'iso8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'cp819',
  'ibm819',
]);

export interface DecodedText {
  text: string;
  /** The character set used, and where it was read from. */
  charset: string;
  from: 'content-type' | 'bom' | 'xml-declaration' | 'default' | 'fallback';
}

/** The charset parameter of a Content-Type header, lower-cased, or null. */
export function charsetFromContentType(contentType: string | null): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase() ?? null;
}

function charsetFromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function charsetFromXmlDeclaration(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m?.[1]?.toLowerCase() ?? null;
}

function usable(label: string | null): string | null {
  if (label === null) return null;
  if (AS_WINDOWS_1252.has(label)) return 'windows-1252';
  return iconv.encodingExists(label) ? label : null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes of a feed or page → text: the charset from Content-Type, else the byte order mark, else
 * the XML declaration, else UTF-8 (with windows-1252 when the bytes are not valid UTF-8). A leading
 * BOM never reaches the parser.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedText {
  const declared: [string | null, DecodedText['from']][] = [
    [usable(charsetFromContentType(contentType)), 'content-type'],
    [charsetFromBom(bytes), 'bom'],
    [usable(charsetFromXmlDeclaration(bytes)), 'xml-declaration'],
  ];
  for (const [charset, from] of declared) {
    if (charset !== null) return { text: stripBom(iconv.decode(Buffer.from(bytes), charset)), charset, from };
  }
  try {
    return { text: stripBom(strictUtf8.decode(bytes)), charset: 'utf-8', from: 'default' };
  } catch {
    return {
      text: iconv.decode(Buffer.from(bytes), 'windows-1252'),
      charset: 'windows-1252',
      from: 'fallback',
    };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
