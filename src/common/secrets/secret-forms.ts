/** Secrets shorter than this are not scrubbed: they cannot be told apart from ordinary words. */
export const MIN_SECRET_LENGTH = 6;
/** A base64 fragment shorter than this could match text by chance. */
const MIN_FRAGMENT_LENGTH = 8;

/**
 * The spellings of a secret that a backend may echo: as is, JSON-escaped (once or twice), URL-encoded (both
 * `%20` and form `+` styles) and base64 (standard and URL-safe). A secret base64-encoded inside
 * a longer value (`user:password` in a Basic header) starts at any of three byte alignments, so
 * for each alignment the characters that depend on the secret's bytes alone are a form of it.
 */
export function formsOf(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const escaped = JSON.stringify(secret).slice(1, -1);
  // Escaped twice: a JSON body quoted inside a JSON log line.
  const forms = new Set<string>([secret, escaped, JSON.stringify(escaped).slice(1, -1), encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')]);
  for (const fragment of base64Fragments(Buffer.from(secret, 'utf8'))) {
    forms.add(fragment);
    forms.add(fragment.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

function base64Fragments(bytes: Buffer): string[] {
  const fragments: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64').replace(/=+$/, '');
    // Leading characters mix in the alignment bytes; a trailing partial group mixes in what follows.
    const head = Math.ceil((8 * offset) / 6);
    const tail = (offset + bytes.length) % 3 === 0 ? 0 : 1;
    const fragment = encoded.slice(head, encoded.length - tail);
    if (fragment.length >= MIN_FRAGMENT_LENGTH) fragments.push(fragment);
  }
  return fragments;
}
