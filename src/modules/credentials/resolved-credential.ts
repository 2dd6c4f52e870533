/** A credential ready to connect with: its secrets decrypted. Never log it, never return it. */
export interface ResolvedCredential {
  id: string;
  name: string;
  provider: string;
  variant: string;
  parameters: Record<string, unknown>;
}
