/**
 * Thrown by a handler that stopped at a step boundary because its worker is shutting down: the
 * job goes back to the queue at once, without counting as an attempt, and another worker resumes it.
 */
export class JobHandedBack extends Error {
  constructor(what: string) {
    super(`${what} was handed back to the queue: its worker is shutting down`);
    this.name = 'JobHandedBack';
  }
}
