import { describe, expect, it } from 'vitest';
import { Metrics, safeLabel } from '../../src/service/metrics.js';

/** The value of one series in a Prometheus text exposition, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Metrics', () => {
  it('counts requests by kind and outcome and times answers, in Prometheus text format', async () => {
    const m = new Metrics();
    m.requests.inc({ kind: 'command', outcome: 'ok' });
    m.requests.inc({ kind: 'command', outcome: 'ok' });
    m.requests.inc({ kind: 'mention', outcome: 'failed' });
    m.answerSeconds.observe({ kind: 'command' }, 0.03);
    m.ackSeconds.observe({ mode: 'http' }, 0.002);
    m.feedItems.inc({}, 12);
    m.digestsFailed.inc({ reason: 'not_in_channel' });
    const { contentType, body } = await m.exposition();
    expect(contentType).toContain('text/plain');
    expect(sample(body, 'newsbot_requests_total{kind="command",outcome="ok"}')).toBe(2);
    expect(sample(body, 'newsbot_requests_total{kind="mention",outcome="failed"}')).toBe(1);
    expect(sample(body, 'newsbot_answer_seconds_bucket{le="0.05",kind="command"}')).toBe(1);
    expect(sample(body, 'newsbot_answer_seconds_bucket{le="0.025",kind="command"}')).toBe(0);
    expect(sample(body, 'newsbot_ack_seconds_count{mode="http"}')).toBe(1);
    expect(sample(body, 'newsbot_feed_items_total')).toBe(12);
    expect(sample(body, 'newsbot_digests_posted_total')).toBe(0);
    expect(sample(body, 'newsbot_digests_failed_total{reason="not_in_channel"}')).toBe(1);
    expect(body).toContain('# TYPE newsbot_store_errors_total counter');
  });

  it('reads the articles and stories gauges from the newsroom when scraped', async () => {
    const m = new Metrics();
    let articles = 10;
    m.observeNewsroom(async () => ({ articles, stories: 8 }));
    expect(sample((await m.exposition()).body, 'newsbot_articles')).toBe(10);
    articles = 12;
    const body = (await m.exposition()).body;
    expect(sample(body, 'newsbot_articles')).toBe(12);
    expect(sample(body, 'newsbot_stories')).toBe(8);
  });

  it('adds Node process metrics, event-loop lag among them, only when asked', async () => {
    const m = new Metrics();
    expect((await m.exposition()).body).not.toContain('nodejs_eventloop_lag_seconds');
    m.enableProcessMetrics();
    m.enableProcessMetrics();
    const body = (await m.exposition()).body;
    expect(body).toContain('nodejs_eventloop_lag_seconds');
    expect(body).toContain('process_cpu_user_seconds_total');
    expect(body).toContain('nodejs_heap_size_used_bytes');
  });

  it('never turns a value off its label list into a label: queries, tokens and channels become "other"', async () => {
    const m = new Metrics();
    const hostile = ['xoxb-1234-secret-token', 'ukraine peace talks', 'C0SECRETCHANNEL', 'a"b\nc'];
    for (const value of hostile) {
      // A caller bypassing the types (as plain JavaScript could) still cannot leak the value.
      m.requests.inc({ kind: value, outcome: value } as never);
      m.storeErrors.inc({ operation: value } as never);
      m.answerSeconds.observe({ kind: value } as never, 0.1);
      expect(safeLabel('reason', value)).toBe('other');
    }
    const body = (await m.exposition()).body;
    for (const value of hostile) expect(body).not.toContain(value.split('\n')[0]);
    expect(sample(body, 'newsbot_requests_total{kind="other",outcome="other"}')).toBe(4);
    expect(sample(body, 'newsbot_store_errors_total{operation="other"}')).toBe(4);
  });
});
