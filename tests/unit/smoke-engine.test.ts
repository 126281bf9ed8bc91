import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlNumber, type Engine } from '../../src/lib/core/engine/engine';
import { openEngine } from '../helpers/district';

describe('node engine', () => {
  let engine: Engine;
  beforeAll(async () => (engine = await openEngine()));
  afterAll(() => engine.close());

  it('turns BIGINT counts into numbers', async () => {
    expect(await engine.query('SELECT 41::BIGINT + 1 AS n')).toEqual([{ n: 42 }]);
  });

  it('keeps extensions from being fetched over the network', async () => {
    const [row] = await engine.query<{ value: string }>(
      "SELECT value FROM duckdb_settings() WHERE name = 'autoload_known_extensions'"
    );
    expect(row.value).toBe('false');
  });
});

describe('numbers written into SQL', () => {
  let engine: Engine;
  beforeAll(async () => (engine = await openEngine()));
  afterAll(() => engine.close());

  it('read back as the same number, whole numbers as integers', async () => {
    const values = [0, 3, -12, 2 ** 53 + 2, 0.1, 1 / 3, -1.5, 0.30000000000000004, 1e-7, 5e-324, 1.7976931348623157e308];
    for (const value of values) {
      const [row] = await engine.query<{ v: number; type: string }>(`SELECT ${sqlNumber(value)} AS v, typeof(${sqlNumber(value)}) AS type`);
      expect(row.v).toBe(value);
      expect(row.type).toBe(Number.isSafeInteger(value) ? 'INTEGER' : 'DOUBLE');
    }
  });

  it('add up in SQL as they do on the page', async () => {
    const [row] = await engine.query<{ sum: number }>(`SELECT ${sqlNumber(0.1)} + ${sqlNumber(0.2)} AS sum`);
    expect(row.sum).toBe(0.1 + 0.2);
  });

  it('refuses NaN and the infinities', () => {
    for (const value of [NaN, Infinity, -Infinity]) expect(() => sqlNumber(value)).toThrow(/cannot be written into SQL/);
  });
});
