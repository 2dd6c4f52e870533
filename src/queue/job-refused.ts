/**
 * A job its handler refuses for good: retrying cannot help (it names an operation this
 * deployment's database does not have). The worker fails it at once, without retries, and logs
 * it as an error: such jobs mean two deployments share one Redis prefix, or data was lost.
 */
export class JobRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobRefused';
  }
}
