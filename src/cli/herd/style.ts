import type { Environment } from './profile-config';

/** ANSI styling, or none: colours only on a terminal and only when NO_COLOR is unset (no-color.org). */
export interface Style {
  bold(text: string): string;
  /** A status or health word in the colour of its meaning. */
  status(text: string): string;
}

export function colourAllowed(stream: { isTTY?: boolean }, env: Environment): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

const GOOD = new Set(['AVAILABLE', 'HEALTHY', 'RUNNING', 'running', 'succeeded', 'true', 'ok']);
const BAD = new Set(['FAILED', 'UNHEALTHY', 'ERROR', 'failed', 'cancelled', 'false', 'DELETED']);

const paint = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;

export function createStyle(colour: boolean): Style {
  if (!colour) return { bold: (text) => text, status: (text) => text };
  const green = paint(32);
  const red = paint(31);
  const yellow = paint(33);
  return {
    bold: paint(1),
    status: (text) => (GOOD.has(text) ? green(text) : BAD.has(text) ? red(text) : yellow(text)),
  };
}
