import type { Style } from './style';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
  /** Painted as a status word. */
  status?: boolean;
}

/** An aligned table: a header row, then one row per item, columns two spaces apart. */
export function renderTable<Row>(columns: Column<Row>[], rows: Row[], style: Style): string {
  const cells = rows.map((row) => columns.map((column) => text(column.value(row))));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((line) => line[index].length)));
  const pad = (value: string, index: number) => (index === columns.length - 1 ? value : value.padEnd(widths[index]));
  const header = columns.map((column, index) => style.bold(pad(column.header, index))).join('  ');
  const cell = (value: string, index: number) => {
    const padded = pad(value, index);
    return columns[index].status ? style.status(value) + padded.slice(value.length) : padded;
  };
  const body = cells.map((line) => line.map(cell).join('  '));
  return [header, ...body].join('\n').replace(/ +$/gm, '');
}

/** `key: value` lines with the keys aligned, for one object. */
export function renderFields(fields: [string, string | number | boolean | null | undefined][], style: Style): string {
  const width = Math.max(...fields.map(([key]) => key.length));
  return fields.map(([key, value]) => `${style.bold(`${key}:`.padEnd(width + 1))} ${text(value)}`.trimEnd()).join('\n');
}

function text(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
