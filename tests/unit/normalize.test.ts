import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerKey, sqlValueKey, valueKey } from '../../src/lib/core/contract/normalize';
import { sqlString, type Engine } from '../../src/lib/core/engine/engine';
import { openEngine } from '../helpers/district';

describe('header keys', () => {
  it('treat spaces, hyphens and underscores alike and ignore them at either end', () => {
    for (const h of ['School ID', 'school_id', 'school-id', ' SCHOOL ID ', 'School  ID', '\uFEFFschool_id', 'school_id_']) {
      expect(headerKey(h)).toBe('school_id');
    }
    expect(headerKey('LEVEL_')).toBe('level');
  });
});

describe('value keys, in JS and in SQL', () => {
  let engine: Engine;
  beforeAll(async () => (engine = await openEngine()));
  afterAll(() => engine.close());

  const samples = ['No sé', 'No se\u0301', 'Check-in/Check-out', 'SEL curriculum', ' Tier 2 ', 'III', 'Totalmente en desacuerdo', "Don't know", 'Ni de acuerdo ni en desacuerdo', 'K-8', 'Niño/a', '1,480'];

  it('agree on every sample, accents included', async () => {
    const sql = samples.map((s, i) => `SELECT ${i} AS i, ${sqlValueKey(sqlString(s))} AS key`).join(' UNION ALL ');
    const rows = await engine.query<{ i: number; key: string }>(`SELECT * FROM (${sql}) ORDER BY i`);
    expect(rows.map((r) => r.key)).toEqual(samples.map(valueKey));
  });

  it('fold a decomposed accent into the composed one', () => {
    expect(valueKey('No se\u0301')).toBe(valueKey('No sé'));
    expect(valueKey('Check-in/Check-out')).toBe('check_in_check_out');
  });
});
