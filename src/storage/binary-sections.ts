import { crc32 } from 'node:zlib';

/**
 * A binary container for typed arrays: a JSON header, then the arrays' bytes, each section padded
 * to 8 bytes so that it can be viewed in place as any typed array after loading (no copy, no
 * parse), and a CRC-32 of everything so that a damaged file is rejected instead of searched.
 *
 * Layout (little-endian, as every typed array on the machines we run on):
 *   "NBS1" | u32 header bytes | u32 section count | u32 crc | header JSON | padding |
 *   per section: u32 byte length, u32 padding | bytes | padding
 */
const MAGIC = 0x3153424e; // "NBS1"
const ALIGN = 8;

export interface Sections {
  header: unknown;
  sections: ArrayBufferView[];
}

function padded(length: number): number {
  return Math.ceil(length / ALIGN) * ALIGN;
}

export function encodeSections({ header, sections }: Sections): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  let total = 16 + padded(headerBytes.length);
  for (const s of sections) total += 8 + padded(s.byteLength);
  const out = Buffer.alloc(total);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(headerBytes.length, 4);
  out.writeUInt32LE(sections.length, 8);
  headerBytes.copy(out, 16);
  let at = 16 + padded(headerBytes.length);
  for (const s of sections) {
    out.writeUInt32LE(s.byteLength, at);
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at + 8);
    at += 8 + padded(s.byteLength);
  }
  out.writeUInt32LE(crc32(out.subarray(16)), 12);
  return out;
}

/** The header and sections of an encoded buffer (views into it), or null if it is damaged. */
export function decodeSections(file: Buffer): Sections | null {
  // Views need an 8-aligned base; large reads are, small pooled buffers may not be.
  const buffer = file.byteOffset % ALIGN === 0 ? file : Buffer.from(new Uint8Array(file).buffer);
  if (buffer.length < 16 || buffer.readUInt32LE(0) !== MAGIC) return null;
  if (crc32(buffer.subarray(16)) !== buffer.readUInt32LE(12)) return null;
  const headerLength = buffer.readUInt32LE(4);
  const count = buffer.readUInt32LE(8);
  let header: unknown;
  try {
    header = JSON.parse(buffer.toString('utf8', 16, 16 + headerLength));
  } catch {
    return null;
  }
  const sections: Uint8Array[] = [];
  let at = 16 + padded(headerLength);
  for (let i = 0; i < count; i++) {
    if (at + 8 > buffer.length) return null;
    const length = buffer.readUInt32LE(at);
    if (at + 8 + length > buffer.length) return null;
    sections.push(new Uint8Array(buffer.buffer, buffer.byteOffset + at + 8, length));
    at += 8 + padded(length);
  }
  return { header, sections };
}

type View<T> = new (buffer: ArrayBuffer, byteOffset: number, length: number) => T;

/** A section seen as a typed array of the given kind, without copying. */
export function viewAs<T extends { readonly BYTES_PER_ELEMENT: number }>(
  section: ArrayBufferView | undefined,
  kind: View<T> & { BYTES_PER_ELEMENT: number },
): T {
  if (section === undefined || section.byteLength % kind.BYTES_PER_ELEMENT !== 0) {
    throw new Error('damaged section');
  }
  return new kind(
    section.buffer as ArrayBuffer,
    section.byteOffset,
    section.byteLength / kind.BYTES_PER_ELEMENT,
  );
}
