import { metrics } from '../../src/service/metrics.js';

/** The current value of one series of the process's metrics (0 when it has none yet). */
export async function metricValue(series: string): Promise<number> {
  const { body } = await metrics.exposition();
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}
