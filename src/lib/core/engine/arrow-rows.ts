import type { Table } from 'apache-arrow';
import type { Row } from './engine';

/**
 * Arrow rows as plain objects. BIGINT counts arrive as BigInt and are made numbers; the model's
 * SQL casts decimals to DOUBLE, so no Decimal reaches here.
 */
export function tableToRows<T = Row>(table: Table): T[] {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((_, i) => table.getChildAt(i));
  const rows: T[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = plain(columns[c]?.get(r));
    rows[r] = row as T;
  }
  return rows;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
    return value.toJSON();
  }
  return value;
}
