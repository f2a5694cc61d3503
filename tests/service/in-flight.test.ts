import { describe, expect, it } from 'vitest';
import { InFlight } from '../../src/service/in-flight.js';

function deferred() {
  let resolve: () => void = () => {};
  let reject: (err: Error) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('InFlight', () => {
  it('counts work until it settles, failed work included, and reports each change', async () => {
    const seen: number[] = [];
    const inFlight = new InFlight((n) => seen.push(n));
    const a = deferred();
    const b = deferred();
    const ta = inFlight.track(() => a.promise);
    const tb = inFlight.track(() => b.promise).catch(() => 'failed');
    expect(inFlight.count).toBe(2);
    a.resolve();
    await ta;
    expect(inFlight.count).toBe(1);
    b.reject(new Error('boom'));
    expect(await tb).toBe('failed');
    expect(inFlight.count).toBe(0);
    expect(seen).toEqual([1, 2, 1, 0]);
  });

  it('drains at once when idle, when the last work ends, or gives up after the timeout', async () => {
    const inFlight = new InFlight();
    expect(await inFlight.drain(10)).toBe(true);

    const work = deferred();
    void inFlight.track(() => work.promise);
    const drained = inFlight.drain(5000);
    setTimeout(() => work.resolve(), 20);
    expect(await drained).toBe(true);

    void inFlight.track(() => new Promise(() => {}));
    const started = performance.now();
    expect(await inFlight.drain(50)).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(inFlight.count).toBe(1);
  });
});
