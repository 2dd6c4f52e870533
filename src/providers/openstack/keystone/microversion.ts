import { FatalProviderError } from '../../spi';
import type { KeystoneSession } from './session';

export type Microversion = [number, number];

export function parseMicroversion(value: string): Microversion {
  const match = /^(\d+)\.(\d+)$/.exec(value.trim());
  if (!match) throw new Error(`not a microversion: ${value}`);
  return [Number(match[1]), Number(match[2])];
}

export function compareMicroversions(a: Microversion, b: Microversion): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** The highest version both sides speak, or undefined when the ranges do not meet. */
export function pickMicroversion(server: { min: string; max: string }, client: { min: string; max: string }): string | undefined {
  const lo = [parseMicroversion(server.min), parseMicroversion(client.min)].sort(compareMicroversions)[1];
  const hi = [parseMicroversion(server.max), parseMicroversion(client.max)].sort(compareMicroversions)[0];
  return compareMicroversions(lo, hi) <= 0 ? hi.join('.') : undefined;
}

/** Asks the compute endpoint's version document which microversions it speaks and picks one within the client's range. */
export async function negotiateComputeMicroversion(session: KeystoneSession, client: { min: string; max: string }): Promise<string> {
  const response = await session.request('compute', { path: '' });
  const doc = (response.body ?? {}) as { version?: { version?: string; min_version?: string } };
  const max = doc.version?.version;
  if (!max) return client.min; // a compute API without microversions; ask for the minimum and let it refuse
  const picked = pickMicroversion({ min: doc.version?.min_version || '2.1', max }, client);
  if (!picked) {
    throw new FatalProviderError(
      `Nova speaks microversions ${doc.version?.min_version}..${max}; herd needs ${client.min}..${client.max}`,
      `compute microversion ${max} is too old`,
    );
  }
  return picked;
}
