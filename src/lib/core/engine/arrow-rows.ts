import { Type, util, type Table, type Vector } from 'apache-arrow';
import type { Row } from './engine';

/**
 * Arrow rows as plain objects, converted column by column (a typed-array copy where a column
 * has no nulls). BIGINT arrives as BigInt and sums (HUGEINT) and decimals as Decimal objects;
 * all become numbers, the only numeric type the views and exports handle.
 */
export function tableToRows<T = Row>(table: Table): T[] {
  const fields = table.schema.fields;
  const columns = fields.map((field, i) => columnValues(table.getChildAt(i), field.type.typeId, (field.type as { scale?: number }).scale ?? 0));
  const rows: T[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) row[fields[c].name] = columns[c][r];
    rows[r] = row as T;
  }
  return rows;
}

function columnValues(vector: Vector | null, typeId: Type, scale: number): ArrayLike<unknown> {
  if (!vector) return [];
  if (typeId === Type.Decimal) {
    return Array.from(vector, (v) => (v === null || v === undefined ? null : util.bigNumToNumber(v as never, scale)));
  }
  const values: ArrayLike<unknown> = vector.nullCount === 0 ? vector.toArray() : Array.from(vector);
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) return Array.from(values, Number);
  // Numbers in a typed array need nothing more; other values (BigInt with nulls, maps) do.
  return ArrayBuffer.isView(values) ? values : Array.from(values, plain);
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
    return value.toJSON();
  }
  return value;
}
