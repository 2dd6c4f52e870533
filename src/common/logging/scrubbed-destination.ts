import pino, { type DestinationStream } from 'pino';
import { knownSecrets } from '../secrets';

/**
 * Where log lines go, with every known secret scrubbed from each line as written: whatever a
 * backend echoed, and whoever logged it, the line that leaves the process carries no secret.
 */
export function scrubbedDestination(target: DestinationStream = pino.destination({ dest: 1, sync: false })): DestinationStream {
  return { write: (line: string) => target.write(knownSecrets.scrub(line)) };
}
