import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../src/lib/core/import/inspect';
import { parseTemplate } from '../../src/lib/core/survey/template';
import { BUILT_IN_SCALES } from '../../src/lib/core/survey/builtin-scales';
import { FIXTURES, SAMPLE, file, text } from '../helpers/district';

const template = parseTemplate('family-midyear', readFileSync(join(import.meta.dirname, '../../survey-templates/family-midyear.csv'), 'utf8'), BUILT_IN_SCALES);

describe('inspecting a file before loading it', () => {
  it('recognizes each sample file by its headers, whatever its name', async () => {
    const kinds = await Promise.all(
      ['schools.csv', 'staff.csv', 'services.csv', 'needs.csv', 'survey-family-midyear.csv'].map(async (name) => {
        const source = file(join(SAMPLE, name));
        return (await inspectFile({ ...source, name: 'export (3).csv' }, [template])).kind;
      })
    );
    expect(kinds).toEqual(['schools', 'staff', 'services', 'needs', 'survey']);
  });

  it('recognizes public and Excel layouts and shows how each column is read', async () => {
    const hifld = await inspectFile(file(join(FIXTURES, 'public/hifld-public-schools.csv')), [template]);
    expect(hifld.kind).toBe('schools');
    expect(hifld.columns.find((c) => c.header === 'NCESID')?.column).toBe('school_id');
    expect(hifld.columns.find((c) => c.header === 'TYPE')?.column).toBeUndefined();
    const roster = await inspectFile(file(join(FIXTURES, 'excel/staff.csv')), [template]);
    expect(roster.kind).toBe('staff');
    expect(roster.rows.length).toBe(5);
  });

  it('recognizes form-tool exports with several header rows as surveys', async () => {
    for (const name of ['qualtrics-small.csv', 'surveymonkey-small.csv', 'microsoft-forms-small.xlsx']) {
      const look = await inspectFile(file(join(FIXTURES, 'survey', name)), [template]);
      expect([name, look.kind]).toEqual([name, 'survey']);
      expect(look.columns.filter((c) => c.column?.includes('_')).length).toBeGreaterThanOrEqual(9);
    }
  });

  it('applies a mapping made by hand to a header the contract does not know', async () => {
    const source = text('roster.csv', 'Building,Job Title,Load\nA,psych,1\n');
    expect((await inspectFile(source, [template])).kind).toBeUndefined();
    const mapped = await inspectFile(source, [template], { Building: 'school_id', 'Job Title': 'role', Load: 'fte' });
    expect(mapped.kind).toBe('staff');
    expect(mapped.missing).toEqual([]);
  });
});
