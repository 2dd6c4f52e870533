/**
 * A log call that lets one message through per `ms` and drops the rest: for failures that repeat
 * while a dependency is away (Redis reconnecting), where one line says it all.
 */
export function atMostEvery(ms: number, log: (message: string) => void): (message: string) => void {
  let lastAt = -Infinity;
  return (message) => {
    if (Date.now() - lastAt < ms) return;
    lastAt = Date.now();
    log(message);
  };
}
