import { describe, expect, it } from 'vitest';
import {
  ACTION_MORE,
  ACTION_SHARE,
  answerButtons,
  encodeActionValue,
  parseActionValue,
} from '../../src/block-kit/actions.js';

describe('button values', () => {
  it('round-trips a query and offset', () => {
    const value = encodeActionValue({ q: 'bushfire "perth hills" since:7d', offset: 5 });
    expect(parseActionValue(value)).toEqual({ q: 'bushfire "perth hills" since:7d', offset: 5 });
  });

  it('shortens a query too long for a button at a space, and still parses', () => {
    const q = 'word '.repeat(1000).trim();
    const value = encodeActionValue({ q, offset: 10 });
    expect(value.length).toBeLessThanOrEqual(2000);
    const parsed = parseActionValue(value);
    expect(parsed?.offset).toBe(10);
    expect(q.startsWith(parsed?.q ?? 'missing')).toBe(true);
    expect(parsed?.q.endsWith('word')).toBe(true);
  });

  it('counts JSON escaping when shortening', () => {
    const q = '"\\\u0001'.repeat(800);
    const value = encodeActionValue({ q, offset: 0 });
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(q.startsWith(parseActionValue(value)?.q ?? 'missing')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const value = encodeActionValue({ q: '🔥'.repeat(1500), offset: 0 });
    const q = parseActionValue(value)?.q ?? '';
    expect(q.length).toBeGreaterThan(0);
    expect(q).toBe('🔥'.repeat(q.length / 2));
  });

  it('rejects values that are not ours', () => {
    expect(parseActionValue('not json')).toBeNull();
    expect(parseActionValue('{"q":"x"}')).toBeNull();
    expect(parseActionValue('{"q":"x","offset":-5}')).toBeNull();
    expect(parseActionValue('{"q":"x","offset":1.5}')).toBeNull();
    expect(parseActionValue('{"q":42,"offset":0}')).toBeNull();
    expect(parseActionValue(`{"q":"${'x'.repeat(2000)}","offset":0}`)).toBeNull();
  });
});

describe('answerButtons', () => {
  const ids = (block: ReturnType<typeof answerButtons>) =>
    block?.elements.map((e) => ('action_id' in e ? e.action_id : undefined)) ?? [];

  it('offers More only when stories remain after this page', () => {
    expect(ids(answerButtons('q', 0, 5, 12))).toEqual([ACTION_MORE, ACTION_SHARE]);
    expect(ids(answerButtons('q', 5, 5, 10))).toEqual([ACTION_SHARE]);
    expect(ids(answerButtons('q', 0, 3, 3))).toEqual([ACTION_SHARE]);
  });

  it('points More at the next page and Share at this one', () => {
    const block = answerButtons('rates', 5, 5, 20);
    const values = block?.elements.map((e) => ('value' in e ? parseActionValue(e.value ?? '') : null));
    expect(values).toEqual([
      { q: 'rates', offset: 10 },
      { q: 'rates', offset: 5 },
    ]);
  });

  it('has nothing to offer for an empty page', () => {
    expect(answerButtons('q', 0, 0, 0)).toBeNull();
  });
});
