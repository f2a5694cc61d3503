import { readFile, writeFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, parseDocument, type YAMLSeq } from 'yaml';

/** Reads the feeds file as a YAML document (a new `feeds:` list when it does not exist yet). */
async function openFeedsFile(file: string) {
  let text = 'feeds: []\n';
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  let doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message.split('\n')[0]}`);
  if (doc.contents === null) doc = parseDocument('feeds: []\n');
  let list: unknown = doc.contents;
  if (isMap(doc.contents)) {
    if (!doc.has('feeds')) doc.set('feeds', doc.createNode([]));
    list = doc.get('feeds', true);
  }
  if (!isSeq(list)) throw new Error(`${file}: expected a list of feeds (or feeds: followed by a list)`);
  return { doc, list: list as YAMLSeq };
}

function entryUrl(item: unknown): string | null {
  if (isScalar(item)) return String(item.value);
  if (isMap(item)) return String(item.get('url') ?? '');
  return null;
}

function entryName(item: unknown): string | null {
  return isMap(item) ? String(item.get('name') ?? '') : null;
}

/** Adds a feed to the feeds file, keeping its comments; false when the URL is already there. */
export async function addToFeedsFile(file: string, url: string, name: string | null): Promise<boolean> {
  const { doc, list } = await openFeedsFile(file);
  if (list.items.some((item) => entryUrl(item) === url)) return false;
  list.flow = false;
  list.add(doc.createNode(name === null ? { url } : { url, name }));
  await writeFile(file, doc.toString());
  return true;
}

/** Removes the feed with this URL or name from the feeds file; returns its URL, or null. */
export async function removeFromFeedsFile(file: string, target: string): Promise<string | null> {
  const { doc, list } = await openFeedsFile(file);
  const lower = target.toLowerCase();
  const index = list.items.findIndex(
    (item) => entryUrl(item) === target || entryName(item)?.toLowerCase() === lower,
  );
  if (index < 0) return null;
  const url = entryUrl(list.items[index]);
  list.items.splice(index, 1);
  await writeFile(file, doc.toString());
  return url;
}
