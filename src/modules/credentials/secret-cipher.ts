import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '../../common/errors';
import type { HerdConfig, MasterKey } from '../../config/config';

/** What the ciphertext is bound to: moved to another row or tenant, it no longer decrypts. */
export interface SecretBinding {
  tenantId: string;
  credentialId: string;
}

export interface Sealed {
  keyId: string;
  /** version byte, 12-byte IV, 16-byte GCM tag, ciphertext. */
  envelope: Buffer;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** The secrets cannot be read: unknown key, wrong row, or tampered bytes. */
export class SecretUnreadable extends DomainError {
  constructor(credentialId: string, reason: string) {
    super('INTERNAL', `The secrets of credential ${credentialId} cannot be decrypted: ${reason}`);
  }
}

/**
 * AES-256-GCM under the master key. Encrypts with the current key; decrypts with the current
 * key or any previous one, chosen by the key id stored beside the ciphertext.
 */
export class SecretCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly current: MasterKey,
    previous: MasterKey[] = [],
  ) {
    this.keys = new Map([...previous.map((key) => [key.id, key.key] as const), [current.id, current.key]]);
  }

  static fromConfig(config: Pick<HerdConfig, 'masterKey' | 'previousMasterKeys'>): SecretCipher {
    return new SecretCipher(config.masterKey, config.previousMasterKeys);
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  knows(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  seal(plaintext: Buffer, binding: SecretBinding): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aadOf(binding, this.current.id));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: this.current.id, envelope: Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]) };
  }

  open(sealed: Sealed, binding: SecretBinding): Buffer {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new SecretUnreadable(binding.credentialId, `it was encrypted under master key "${sealed.keyId}", which is neither HERD_MASTER_KEY nor in HERD_PREVIOUS_MASTER_KEYS`);
    const { envelope } = sealed;
    if (envelope.length < HEADER_BYTES || envelope[0] !== VERSION) throw new SecretUnreadable(binding.credentialId, 'the stored envelope is not in a format herd knows');
    const decipher = createDecipheriv('aes-256-gcm', key, envelope.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(aadOf(binding, sealed.keyId));
    decipher.setAuthTag(envelope.subarray(1 + IV_BYTES, HEADER_BYTES));
    try {
      return Buffer.concat([decipher.update(envelope.subarray(HEADER_BYTES)), decipher.final()]);
    } catch {
      throw new SecretUnreadable(binding.credentialId, 'authentication failed (the ciphertext was altered or belongs to another credential)');
    }
  }
}

function aadOf(binding: SecretBinding, keyId: string): Buffer {
  return Buffer.from(`herd:credential:v${VERSION}:${binding.tenantId}:${binding.credentialId}:${keyId}`, 'utf8');
}
