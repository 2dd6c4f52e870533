/**
 * Ambari's cardinality notation: `1` (exactly one), `0-1`, `1-2` (a range), `1+` (at least one),
 * `ALL` (on every host of the cluster). Used for components (metainfo.xml) and host groups.
 */
export interface Cardinality {
  min: number;
  /** Undefined means unbounded. */
  max?: number;
  all: boolean;
  text: string;
}

const EXACT = /^(\d{1,6})$/;
const RANGE = /^(\d{1,6})-(\d{1,6})$/;
const AT_LEAST = /^(\d{1,6})\+$/;

export const CARDINALITY_SYNTAX = 'an Ambari cardinality such as "1", "0-1", "1-2", "1+", "0+" or "ALL"';

/** Parses the notation; undefined when the text is not valid. Numbers (as JSON) count as exact. */
export function parseCardinality(raw: unknown): Cardinality | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 && raw <= 999_999 ? { min: raw, max: raw, all: false, text: String(raw) } : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (text.toUpperCase() === 'ALL') return { min: 0, all: true, text: 'ALL' };
  let match = EXACT.exec(text);
  if (match) return { min: Number(match[1]), max: Number(match[1]), all: false, text };
  match = RANGE.exec(text);
  if (match) {
    const [min, max] = [Number(match[1]), Number(match[2])];
    return min <= max ? { min, max, all: false, text } : undefined;
  }
  match = AT_LEAST.exec(text);
  if (match) return { min: Number(match[1]), all: false, text };
  return undefined;
}

/** Whether `count` hosts satisfy the cardinality; `ALL` is checked by placement, not by count. */
export function allowsCount(cardinality: Cardinality, count: number): boolean {
  if (cardinality.all) return true;
  return count >= cardinality.min && (cardinality.max === undefined || count <= cardinality.max);
}

export function describeCardinality(cardinality: Cardinality): string {
  if (cardinality.all) return 'on every host (ALL)';
  if (cardinality.max === undefined) return `at least ${cardinality.min}`;
  if (cardinality.min === cardinality.max) return `exactly ${cardinality.min}`;
  return `between ${cardinality.min} and ${cardinality.max}`;
}
