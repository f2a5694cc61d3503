import type { Article } from '../corpus/article.js';
import { type Sections, viewAs } from '../storage/binary-sections.js';
import { Documents } from './documents.js';
import { Lexicon } from './lexicon.js';
import { PostingsStore } from './postings.js';

/** Bumped when the layout below or the meaning of what it holds changes: older snapshots are then rebuilt. */
const SERIAL_VERSION = 4;

/**
 * A saved index: a JSON header (format version, options, the next document number, the postings'
 * header) and binary sections: the document number of each article in order, the lexicon, then the
 * postings.
 */
export type NewsIndexSnapshot = Sections;

interface SnapshotHeader<Options> {
  version: number;
  options: Options;
  nextDoc: number;
  postings: unknown;
}

/** The parts of an index a snapshot holds. */
export interface IndexParts<Options> {
  options: Options;
  documents: Documents;
  postings: PostingsStore;
  lexicon: Lexicon;
}

export function encodeIndex<Options>({
  options,
  documents,
  postings,
  lexicon,
}: IndexParts<Options>): NewsIndexSnapshot {
  const saved = postings.toSections();
  const header: SnapshotHeader<Options> = {
    version: SERIAL_VERSION,
    options,
    nextDoc: documents.nextDoc,
    postings: saved.header,
  };
  const docNumbers = Uint32Array.from(documents.ids(), (id) => documents.docOf(id) ?? 0);
  return { header, sections: [docNumbers, lexicon.toSection(), ...saved.sections] };
}

/**
 * The parts of an index rebuilt from a snapshot and the same articles (in the same order), without
 * analysing any text; null if the snapshot was made by another version or does not match the articles.
 */
export function decodeIndex<Options>(
  snapshot: NewsIndexSnapshot,
  articles: Iterable<Article>,
): IndexParts<Options> | null {
  const header = snapshot.header as SnapshotHeader<Options>;
  if (header?.version !== SERIAL_VERSION) return null;
  try {
    const documents = new Documents();
    const [docSection, lexiconSection, ...postingSections] = snapshot.sections;
    const postings = PostingsStore.fromSections(documents.table, {
      header: header.postings,
      sections: postingSections,
    });
    documents.nextDoc = header.nextDoc;
    const docNumbers = viewAs(docSection, Uint32Array);
    let i = 0;
    for (const article of articles) {
      const doc = docNumbers[i++];
      if (doc === undefined || documents.table.alive[doc] !== 1 || documents.has(article.id)) return null;
      documents.register(article, doc);
    }
    const complete = i === docNumbers.length && i === postings.documentCount;
    return complete
      ? { options: header.options, documents, postings, lexicon: Lexicon.fromSection(lexiconSection) }
      : null;
  } catch {
    return null;
  }
}
