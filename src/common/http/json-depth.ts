/** Deeper than any real request; deep enough nesting would overflow the stack of the validators. */
export const MAX_JSON_DEPTH = 64;

export class JsonTooDeep extends Error {
  readonly type = 'entity.too.deep';
  constructor(readonly maxDepth: number) {
    super(`JSON nests deeper than ${maxDepth} levels`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x7b, 0x5b]);
const CLOSERS = new Set([0x7d, 0x5d]);

/**
 * Throws when the JSON text nests objects and arrays deeper than `maxDepth`, without parsing it.
 * Works on UTF-8 bytes: structural characters are ASCII and never occur inside a multi-byte one.
 */
export function assertJsonDepthWithin(body: Buffer, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      if (++depth > maxDepth) throw new JsonTooDeep(maxDepth);
    } else if (CLOSERS.has(byte)) {
      depth--;
    }
  }
}
