import { formsOf } from './secret-forms';

export const REDACTED = '[redacted]';
/** How many secrets a process remembers; the oldest are forgotten first. */
const CAPACITY = 5000;
/** Values that are secrets whoever sent them: herd API keys and PEM private keys. */
const SECRET_SHAPES = [/herd_[A-Za-z0-9_-]{20,}/g, /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g];

/**
 * Every secret this process has decrypted, to take out of any text herd keeps, returns or logs:
 * a backend that echoes a request puts them in its error messages. Only ever grows by the
 * secrets herd itself sends, so the text that is scrubbed cannot steer what is scrubbed.
 */
export class KnownSecrets {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null | undefined = null;

  add(secret: unknown): void {
    if (typeof secret !== 'string' || formsOf(secret).length === 0 || this.secrets.has(secret)) return;
    if (this.secrets.size >= CAPACITY) this.secrets.delete(this.secrets.values().next().value as string);
    this.secrets.add(secret);
    this.pattern = undefined;
  }

  /** The text with every form of every known secret, and every value shaped like a secret, replaced. */
  scrub(text: string): string {
    let scrubbed = text;
    for (const shape of SECRET_SHAPES) scrubbed = scrubbed.replace(shape, REDACTED);
    const pattern = this.compiled();
    return pattern ? scrubbed.replace(pattern, REDACTED) : scrubbed;
  }

  /** A JSON value with every string in it scrubbed; keys are kept. */
  scrubJson<T>(value: T): T {
    if (typeof value === 'string') return this.scrub(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.scrubJson(item)) as T;
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.scrubJson(item)])) as T;
    return value;
  }

  private compiled(): RegExp | null {
    if (this.pattern !== undefined) return this.pattern;
    const forms = [...new Set([...this.secrets].flatMap(formsOf))].sort((a, b) => b.length - a.length);
    this.pattern = forms.length > 0 ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : null;
    return this.pattern;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The secrets of this process: one set, so that logs, events, rows and answers are scrubbed alike. */
export const knownSecrets = new KnownSecrets();
