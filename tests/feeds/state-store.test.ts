import { describe, expect, it } from 'vitest';
import { digestFirstSeen, InMemoryFeedStateStore } from '../../src/feeds/state-store.js';
import { feedStateStoreContract } from './state-store-contract.js';

feedStateStoreContract('in memory', async () => {
  const shared = new InMemoryFeedStateStore();
  return (owner) => shared.asOwner(owner);
});

describe('digestFirstSeen', () => {
  const base = {
    feedUrl: 'https://a.example/rss',
    key: 'k',
    articleId: 'feed-k',
    contentHash: 'h',
    rawDigest: 'r',
    firstSeenAt: new Date('2026-11-24T12:00:00Z'),
  };
  it('is when the item counted as new, else its published date, else the start of time', () => {
    const newAt = new Date('2026-11-24T12:00:00Z');
    expect(digestFirstSeen({ ...base, published: '2026-01-01', newAt })).toEqual(newAt);
    expect(digestFirstSeen({ ...base, published: '2026-01-01', newAt: null })).toEqual(
      new Date('2026-01-01'),
    );
    expect(digestFirstSeen({ ...base, published: null, newAt: null })).toEqual(new Date(0));
  });
});
