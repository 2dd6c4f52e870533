/**
 * Ids come from one sequence, but a transaction may commit after another that took a later id, so
 * a missing id can be an event still to come. The relay hands events over only while their ids run
 * on without a gap, and waits up to `graceMs` for a gap to fill: a rolled-back insert leaves a gap
 * for ever.
 */
export class IdGaps {
  private readonly seen = new Map<bigint, number>();

  constructor(
    private readonly graceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many of `ids` (ascending) may be relayed now, after `lastRelayed`. */
  relayable(ids: readonly bigint[], lastRelayed: bigint): number {
    let expected = lastRelayed + 1n;
    let count = 0;
    for (const id of ids) {
      if (id > expected && !this.waitedOut(expected)) break;
      count++;
      if (id >= expected) expected = id + 1n;
    }
    return count;
  }

  private waitedOut(missing: bigint): boolean {
    const since = this.seen.get(missing);
    if (since === undefined) {
      this.seen.set(missing, this.now());
      return false;
    }
    if (this.now() - since < this.graceMs) return false;
    this.seen.delete(missing);
    return true;
  }
}
