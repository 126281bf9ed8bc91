import ExcelJS from 'exceljs';

/**
 * The first sheet of a workbook as CSV text, one line per sheet row (empty rows kept, so row
 * numbers in messages match the sheet). Dates become ISO dates; formulas give their results.
 */
export async function xlsxToCsv(data: Uint8Array): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return '';
  const width = sheet.columnCount;
  const lines: string[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cells.push(csvField(cellText(cell.value, cell.numFmt)));
    }
    lines.push(cells.every((cell) => cell === '') ? '' : cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/** A number formatted as a percentage holds a fraction (0.625 shows as 62.5%): read it as shown. */
function isPercentFormat(numFmt: string | undefined): boolean {
  return !!numFmt && numFmt.replace(/"[^"]*"/g, '').includes('%');
}

function cellText(value: ExcelJS.CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && isPercentFormat(numFmt)) return `${Number((value * 100).toPrecision(15))}%`;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue, numFmt);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
