import { Type, util, type Table } from 'apache-arrow';
import type { Row } from './engine';

/**
 * Arrow rows as plain objects. BIGINT arrives as BigInt and sums (HUGEINT) and decimals as
 * Decimal objects; all become numbers, the only numeric type the views and exports handle.
 */
export function tableToRows<T = Row>(table: Table): T[] {
  const fields = table.schema.fields;
  const columns = fields.map((_, i) => table.getChildAt(i));
  const converters = fields.map((f) => converter(f.type.typeId, (f.type as { scale?: number }).scale ?? 0));
  const rows: T[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) row[fields[c].name] = converters[c](columns[c]?.get(r));
    rows[r] = row as T;
  }
  return rows;
}

function converter(typeId: Type, scale: number): (value: unknown) => unknown {
  if (typeId === Type.Decimal) {
    return (value) => (value === null || value === undefined ? null : util.bigNumToNumber(value as never, scale));
  }
  return plain;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
    return value.toJSON();
  }
  return value;
}
