import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { InFlight } from '../../src/service/in-flight.js';
import { Shutdown } from '../../src/service/shutdown.js';

function setup(graceMs = 1000, hookTimeoutMs = 1000) {
  let logs = '';
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk, _enc, done) {
        logs += String(chunk);
        done();
      },
    }),
  );
  const inFlight = new InFlight();
  const exits: number[] = [];
  const shutdown = new Shutdown({
    logger,
    inFlight,
    graceMs,
    hookTimeoutMs,
    exit: (code) => exits.push(code),
  });
  return { shutdown, inFlight, exits, logs: () => logs };
}

describe('Shutdown', () => {
  it('stops intake, finishes acknowledged replies, then releases, then closes, then exits 0', async () => {
    const { shutdown, inFlight, exits } = setup();
    const order: string[] = [];
    shutdown.register({ name: 'store', phase: 'close', run: () => void order.push('close store') });
    shutdown.register({ name: 'claims', phase: 'release', run: () => void order.push('release claims') });
    shutdown.register({ name: 'server', phase: 'intake', run: () => void order.push('stop intake') });
    const reply = inFlight.track(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            order.push('reply sent');
            resolve();
          }, 50),
        ),
    );
    await shutdown.run('SIGTERM');
    await reply;
    expect(order).toEqual(['stop intake', 'reply sent', 'release claims', 'close store']);
    expect(exits).toEqual([0]);
  });

  it('runs hooks of one phase last registered first, and runs the sequence once however often asked', async () => {
    const { shutdown, exits } = setup();
    const order: string[] = [];
    for (const name of ['first', 'second']) {
      shutdown.register({
        name,
        phase: 'close',
        run: () =>
          new Promise<void>((resolve) =>
            setTimeout(
              () => {
                order.push(name);
                resolve();
              },
              name === 'second' ? 0 : 20,
            ),
          ),
      });
    }
    await Promise.all([shutdown.run('SIGTERM'), shutdown.run('SIGINT')]);
    expect(order).toEqual(['second', 'first']);
    expect(exits).toEqual([0]);
  });

  it('gives up on replies after the grace period and on a hook after its timeout, and still exits 0', async () => {
    const { shutdown, inFlight, exits, logs } = setup(100, 100);
    void inFlight.track(() => new Promise(() => {}));
    let released = false;
    shutdown.register({ name: 'stuck lease', phase: 'release', run: () => new Promise(() => {}) });
    shutdown.register({ name: 'failing', phase: 'release', run: () => Promise.reject(new Error('db gone')) });
    shutdown.register({
      name: 'store',
      phase: 'close',
      run: () => {
        released = true;
      },
    });
    const started = performance.now();
    await shutdown.run('SIGTERM');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(released).toBe(true);
    expect(exits).toEqual([0]);
    expect(logs()).toContain('gave up on 1 unfinished replies');
    expect(logs()).toContain('stuck lease: did not finish in time');
    expect(logs()).toContain('failing: failed while stopping');
  });
});
