import { describe, expect, it } from 'vitest';
import { recencyFromConfig } from '../../src/cli/open-newsroom.js';
import { loadConfig } from '../../src/config.js';

describe('recencyFromConfig', () => {
  it('takes the preference from the environment, and weight 0 turns it off', () => {
    expect(recencyFromConfig(loadConfig({}))).toEqual({ weight: 0.2, halfLifeDays: 3 });
    expect(recencyFromConfig(loadConfig({ RECENCY_WEIGHT: '0.5', RECENCY_HALF_LIFE_DAYS: '1.5' }))).toEqual({
      weight: 0.5,
      halfLifeDays: 1.5,
    });
    expect(recencyFromConfig(loadConfig({ RECENCY_WEIGHT: '0' }))).toBeNull();
  });
});
