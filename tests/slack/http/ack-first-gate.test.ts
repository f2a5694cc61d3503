import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckFirstGate } from '../../../src/slack/http/ack-first-gate.js';

const QUIET_MS = 5;
const MAX_DEFER_MS = 500;

let released: string[];

function gate(): AckFirstGate {
  return new AckFirstGate({ quietMs: QUIET_MS, maxDeferMs: MAX_DEFER_MS, nowMs: () => Date.now() });
}

function wait(g: AckFirstGate, name: string): void {
  void g.clear().then(() => released.push(name));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] });
  released = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('AckFirstGate', () => {
  it('lets work through at once when no request is waiting and none came in lately', async () => {
    const g = gate();
    wait(g, 'work');
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toEqual(['work']);
  });

  it('holds work while any request of a burst is unanswered, then until the requests stop coming', async () => {
    const g = gate();
    g.arrived();
    g.arrived();
    wait(g, 'first');
    await vi.advanceTimersByTimeAsync(1);
    g.answered();
    await vi.advanceTimersByTimeAsync(10);
    expect(released).toEqual([]); // one ack still due
    g.answered();
    // Every ack is out and the last request came in 11 ms ago: the burst is over.
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toEqual(['first']);
  });

  it('waits out the quiet period after the last ack: a gap between two requests of a burst is not its end', async () => {
    const g = gate();
    g.arrived();
    wait(g, 'work');
    await vi.advanceTimersByTimeAsync(1);
    g.answered(); // every ack out, but the last request came in 1 ms ago
    await vi.advanceTimersByTimeAsync(2);
    g.arrived(); // the burst goes on
    g.answered();
    await vi.advanceTimersByTimeAsync(QUIET_MS - 1);
    expect(released).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(released).toEqual(['work']);
  });

  it('never holds a piece of work longer than maxDeferMs, in arrival order, even under a flood', async () => {
    const g = gate();
    g.arrived(); // never answered: the flood goes on
    wait(g, 'a');
    await vi.advanceTimersByTimeAsync(100);
    wait(g, 'b');
    await vi.advanceTimersByTimeAsync(MAX_DEFER_MS - 101);
    expect(released).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(released).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(100);
    expect(released).toEqual(['a', 'b']);
    expect(g.unanswered).toBe(1);
  });
});
