import { describe, expect, it } from 'vitest';
import { CpuQueue } from '../../src/slack/cpu-queue.js';

describe('CpuQueue', () => {
  it('runs jobs in order, one per loop turn, so work scheduled meanwhile runs between them', async () => {
    const queue = new CpuQueue();
    const order: string[] = [];
    const jobs = [1, 2, 3].map((n) =>
      queue.run(() => {
        order.push(`job${n}`);
        // Stands for a request that arrives while a job runs: it must not wait for all the jobs.
        if (n === 1) setImmediate(() => order.push('arrived during job1'));
      }),
    );
    await Promise.all(jobs);
    expect(order).toEqual(['job1', 'arrived during job1', 'job2', 'job3']);
  });

  it('passes results and errors back to the caller and keeps going', async () => {
    const queue = new CpuQueue();
    const failing = queue.run(() => {
      throw new Error('boom');
    });
    const next = queue.run(() => 42);
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });
});

describe('CpuQueue with pending acks', () => {
  it('holds jobs while acks are pending and runs them once they are sent', async () => {
    let pending = true;
    const queue = new CpuQueue({ acksPending: () => pending, maxDeferMs: 60_000 });
    const order: string[] = [];
    const job = queue.run(() => order.push('job'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('ack sent');
    pending = false;
    await job;
    expect(order).toEqual(['ack sent', 'job']);
  });

  it('runs a job anyway once it has waited the longest allowed', async () => {
    const queue = new CpuQueue({ acksPending: () => true, maxDeferMs: 5 });
    await expect(queue.run(() => 'done')).resolves.toBe('done');
  });
});
