import type { Newsroom } from '../newsroom.js';
import { selectDigest } from './select.js';
import type { DigestDesk } from './service.js';

/** The digest desk over an in-process newsroom (CLI, console, tests). */
export function inProcessDigestDesk(newsroom: Newsroom): DigestDesk {
  return { digest: async (query) => selectDigest(newsroom, query) };
}
