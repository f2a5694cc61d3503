import { describe, expect, it } from 'vitest';
import { deliveryKey, RecentKeys } from '../../src/slack/delivery-dedupe.js';

describe('RecentKeys', () => {
  it('sees a key once within the TTL, and again after it', () => {
    let now = 50_000;
    const recent = new RecentKeys(1000, 100, () => now);
    expect(recent.firstSighting('a')).toBe(true);
    now = 50_999;
    expect(recent.firstSighting('a')).toBe(false);
    now = 51_001;
    expect(recent.firstSighting('a')).toBe(true);
  });

  it('forgets the oldest keys beyond its bound', () => {
    const recent = new RecentKeys(60_000, 2);
    recent.firstSighting('a');
    recent.firstSighting('b');
    recent.firstSighting('c');
    expect(recent.firstSighting('a')).toBe(true);
    expect(recent.firstSighting('c')).toBe(false);
  });
});

describe('deliveryKey', () => {
  it('uses the event id for events and the trigger id for commands and actions', () => {
    expect(deliveryKey({ event_id: 'Ev1', trigger_id: 'x' })).toBe('event:Ev1');
    expect(deliveryKey({ trigger_id: 't.1' })).toBe('trigger:t.1');
    expect(deliveryKey({ type: 'url_verification' })).toBeNull();
  });
});
