import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/core/engine/engine';
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
