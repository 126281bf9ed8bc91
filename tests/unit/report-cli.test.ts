/**
 * `continuum report`, run as a user runs it from the repository. Two runs (each starts DuckDB's
 * WebAssembly and writes the sample district's 127 schools), so each checks a lot.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continuum as run, SAMPLE_INPUTS } from '../helpers/cli';

const continuum = (args: string[]) => run(args, TIMEOUT);

const TIMEOUT = 180_000;

const NO_STACK = /^\s+at\s/m;
const documentText = (docx: Uint8Array) => strFromU8(unzipSync(docx)['word/document.xml']);

let temp: string;
beforeAll(() => (temp = mkdtempSync(join(tmpdir(), 'continuum-report-'))));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('continuum report', () => {
  it(
    'writes the district report in three formats and every school in two, from the sample district',
    async () => {
      const out = join(temp, 'sample');
      const run = await continuum([
        'report',
        ...SAMPLE_INPUTS,
        '--out', out
      ]);
      expect(run.stderr).not.toMatch(NO_STACK);
      expect(run.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual(['district.docx', 'district.html', 'district.xlsx', 'schools']);
      const schools = readdirSync(join(out, 'schools')).sort();
      expect(schools.filter((f) => f.endsWith('.html'))).toHaveLength(127);
      expect(schools.filter((f) => f.endsWith('.docx'))).toHaveLength(127);
      expect(schools).toContain('HC001.html');
      expect(schools).toContain('HC127.docx');
      // No temporary folder is left beside the output.
      expect(readdirSync(temp).filter((f) => f.startsWith('.continuum-'))).toEqual([]);

      const html = readFileSync(join(out, 'district.html'), 'utf8');
      expect(html).toContain('Edith Lowell Elementary School');
      expect(html).toContain('sample-data/schools.csv');
      expect(html).not.toMatch(/<script/i);

      const districtDocx = documentText(new Uint8Array(readFileSync(join(out, 'district.docx'))));
      expect(districtDocx).toContain('Edith Lowell Elementary School (HC001)');
      expect(districtDocx).toContain('Westwater Re-Engagement Center (HC044)');

      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(out, 'district.xlsx'));
      const gaps = book.getWorksheet('Tier gaps')!;
      expect(gaps.rowCount).toBe(1 + 127 * 3);
      expect(gaps.getRow(1).values).toEqual([undefined, 'school_id', 'school_name', 'tier', 'need', 'capacity', 'gap', 'coverage', 'need_source']);
      // HC001's screening counts (sample-data/needs.csv) as numbers.
      expect(gaps.getRow(2).values).toEqual(expect.arrayContaining(['HC001', 'Edith Lowell Elementary School', 1, 486]));
      expect(typeof gaps.getRow(2).getCell('E').value).toBe('number');
      expect(book.getWorksheet('Staffing')!.rowCount).toBe(1 + 127 * 4);
      // The four small schools of sample-data/README.md are withheld: n<10 and no figures.
      const survey = book.getWorksheet('Survey')!;
      const withheld = new Set<string>();
      survey.eachRow((row, n) => {
        if (n > 1 && row.getCell('D').value === 'n<10') {
          withheld.add(String(row.getCell('A').value));
          expect(row.getCell('E').value).toBeNull();
          expect(row.getCell('F').value).toBeNull();
        }
      });
      expect([...withheld]).toEqual(['HC044', 'HC064', 'HC111', 'HC122']);

      const school = readFileSync(join(out, 'schools', 'HC044.html'), 'utf8');
      expect(school).toContain('Westwater Re-Engagement Center');
      expect(school).toContain('n&lt;10');
      expect(documentText(new Uint8Array(readFileSync(join(out, 'schools', 'HC044.docx'))))).toContain('n&lt;10');
    },
    TIMEOUT
  );

  it(
    'prints every problem of invalid input as FILE:ROW, exits 1 and creates no --out folder',
    async () => {
      const out = join(temp, 'never-created');
      const run = await continuum([
        'report',
        '--schools', 'tests/fixtures/excel/schools.csv',
        '--staff', 'tests/fixtures/bad/staff.csv',
        '--services', 'tests/fixtures/bad/services.csv',
        '--out', out
      ]);
      expect(run.code).toBe(1);
      expect(existsSync(out)).toBe(false);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toMatch(NO_STACK);
      const errors = run.stderr.split('\n').filter((l) => l && !/: warning: /.test(l));
      expect(errors).toHaveLength(10);
      for (const line of errors) expect(line).toMatch(/^tests\/fixtures\/bad\/(staff|services)\.csv:\d+: [a-z_]+: ./);
      expect(readdirSync(temp).filter((f) => f.startsWith('.continuum-'))).toEqual([]);
    },
    TIMEOUT
  );
});
