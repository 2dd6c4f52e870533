import { stringify } from 'yaml';
import { UsageError } from './exit-codes';
import type { Style } from './style';

export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function outputFormat(value: string | undefined): OutputFormat {
  const format = value ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`-o must be one of ${OUTPUT_FORMATS.join(', ')}; got "${format}"`);
  return format as OutputFormat;
}

/** Writes a command's answer to stdout: for people as text, for scripts as JSON or YAML of the API's own data. */
export class Printer {
  constructor(
    readonly format: OutputFormat,
    readonly style: Style,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {}

  result(data: unknown, forPeople: () => string): void {
    if (this.format === 'json') this.out.write(`${JSON.stringify(data, null, 2)}\n`);
    else if (this.format === 'yaml') this.out.write(stringify(data));
    else {
      const text = forPeople();
      if (text.length > 0) this.out.write(`${text}\n`);
    }
  }

  /** A line only people read (a confirmation); scripts get the data instead. */
  note(text: string, data: unknown): void {
    this.result(data, () => text);
  }
}
