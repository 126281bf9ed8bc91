/** The first records of a response file, read apart from DuckDB, to tell its layout before staging. */
import Papa from 'papaparse';
import { chooseDelimiter, headText, isXlsx, sourceBytes, sourceHead, type SourceFile } from '../import/source';

const HEAD_BYTES = 256 * 1024;

export async function headRecords(source: SourceFile, records = 4): Promise<string[][]> {
  const head = await sourceHead(source, HEAD_BYTES);
  const xlsx = isXlsx(source.name, head);
  const text = xlsx ? await (await import('../import/xlsx')).xlsxToCsv(await sourceBytes(source)) : headText(head);
  const delimiter = xlsx ? ',' : chooseDelimiter(source.name, head);
  // Empty lines are skipped as DuckDB skips them, so record numbers agree with stageFile's.
  return Papa.parse<string[]>(text, { delimiter, preview: records, skipEmptyLines: true }).data;
}
