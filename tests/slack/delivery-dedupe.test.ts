import { describe, expect, it } from 'vitest';
import { deliveryKey, RecentKeys } from '../../src/slack/delivery-dedupe.js';

describe('RecentKeys', () => {
  it('sees a key once within the TTL, and again after it', () => {
    const recent = new RecentKeys(1000, 100);
    expect(recent.firstSighting('a', 0)).toBe(true);
    expect(recent.firstSighting('a', 999)).toBe(false);
    expect(recent.firstSighting('a', 1000)).toBe(true);
  });

  it('forgets the oldest keys beyond its bound', () => {
    const recent = new RecentKeys(60_000, 2);
    recent.firstSighting('a', 0);
    recent.firstSighting('b', 1);
    recent.firstSighting('c', 2);
    expect(recent.firstSighting('a', 3)).toBe(true);
    expect(recent.firstSighting('c', 4)).toBe(false);
  });
});

describe('deliveryKey', () => {
  it('uses the event id for events and the trigger id for commands and actions', () => {
    expect(deliveryKey({ event_id: 'Ev1', trigger_id: 'x' })).toBe('event:Ev1');
    expect(deliveryKey({ trigger_id: 't.1' })).toBe('trigger:t.1');
    expect(deliveryKey({ type: 'url_verification' })).toBeNull();
  });
});
