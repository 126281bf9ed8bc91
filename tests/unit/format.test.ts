import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/lib/core/export/csv';
import { cellText, escapeFormula, formatNumber } from '../../src/lib/core/export/format';

describe('formatNumber: plain decimals, as the contract writes numbers', () => {
  it('writes whole numbers without a point or trailing zeros', () => {
    expect(formatNumber(400)).toBe('400');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-35)).toBe('-35');
  });

  it('writes decimals with "." and at most 6 places, trailing zeros removed', () => {
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(4.26087)).toBe('4.26087');
    expect(formatNumber(1 / 3)).toBe('0.333333');
    expect(formatNumber(2 / 3)).toBe('0.666667');
    expect(formatNumber(-2.5)).toBe('-2.5');
  });

  it('never writes a thousands separator', () => {
    expect(formatNumber(57091)).toBe('57091');
    expect(formatNumber(1234567.25)).toBe('1234567.25');
  });

  it('removes float noise', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(3.2 - 2.4)).toBe('0.8');
    expect(formatNumber(0.8 - 0.5)).toBe('0.3');
    expect(formatNumber(57.00000000000001)).toBe('57');
    // Large values too: toFixed(6) would print the binary tail as 123456789012.123001.
    expect(formatNumber(123456789012.123)).toBe('123456789012.123');
  });

  it('is empty where a value is undefined', () => {
    expect(formatNumber(null)).toBe('');
    expect(formatNumber(undefined)).toBe('');
    expect(formatNumber(NaN)).toBe('');
    expect(formatNumber(Infinity)).toBe('');
  });

  it('never writes an exponent, for tiny or huge values', () => {
    expect(String(1e-7)).toBe('1e-7');
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(-1e-7)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(0.0000015)).toBe('0.000002');
    expect(formatNumber(0.000001)).toBe('0.000001');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
  });
});

describe('escapeFormula: no spreadsheet runs text from the data', () => {
  it.each(['=SUM(A1:A9)', '+1 555 0100', '-3', '@cmd'])('prefixes %s with a quote', (value) => {
    expect(escapeFormula(value)).toBe(`'${value}`);
  });

  it.each(['Harbor Family Services', '3 - 5 students', ' =not first', "'quoted", '', '1,480'])('leaves %j as it is', (value) => {
    expect(escapeFormula(value)).toBe(value);
  });

  it('applies to text cells but not to numbers', () => {
    expect(cellText('=1+1')).toBe("'=1+1");
    expect(cellText(-3)).toBe('-3');
    expect(cellText(true)).toBe('true');
    expect(cellText(false)).toBe('false');
    expect(cellText(null)).toBe('');
  });
});

describe('toCsv', () => {
  const columns = ['name', 'value'] as const;

  it('writes a header row, \\n line ends and a final newline', () => {
    expect(toCsv([{ name: 'A', value: 1 }], columns)).toBe('name,value\nA,1\n');
    expect(toCsv([], columns)).toBe('name,value\n');
  });

  it('quotes cells with a comma, a quote or a line break (RFC 4180)', () => {
    const rows = [
      { name: 'Hillcrest K-8 School, North Campus', value: 1 },
      { name: 'Eastside "Pathways" High School', value: 2 },
      { name: 'Maple Grove\n(6th Grade Academy)', value: 3 },
      { name: 'carriage\rreturn', value: 4 }
    ];
    expect(toCsv(rows, columns)).toBe(
      'name,value\n' +
        '"Hillcrest K-8 School, North Campus",1\n' +
        '"Eastside ""Pathways"" High School",2\n' +
        '"Maple Grove\n(6th Grade Academy)",3\n' +
        '"carriage\rreturn",4\n'
    );
  });

  it('leaves plain cells unquoted and writes empty cells for null', () => {
    expect(toCsv([{ name: 'Cedar Learning Center', value: null }], columns)).toBe('name,value\nCedar Learning Center,\n');
  });

  it('formats numbers and escapes formulas in its cells', () => {
    expect(toCsv([{ name: '=HYPERLINK("x")', value: 0.1 + 0.2 }], columns)).toBe('name,value\n"\'=HYPERLINK(""x"")",0.3\n');
  });
});
