/** A credential as the user keeps it for the backend's own tools, e.g. an OpenStack clouds.yaml or openrc. */
export interface CredentialFile {
  format: string;
  content: string;
  /** The entry to read, for files that hold several (a clouds.yaml). */
  cloud?: string;
  /** A second file whose entries override the first (OpenStack's secure.yaml). */
  secureContent?: string;
  /** The password, for files that prompt for it (an openrc). */
  password?: string;
}

/** A problem with a credential file, naming where it is (`cloud`, `content`, `authUrl` …). */
export class CredentialFileError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'CredentialFileError';
  }
}

/** What an adapter offers when it can read its backend's credential files into its credential parameters. */
export interface CredentialFileReader {
  /** The parameters the file describes; throws CredentialFileError naming the problem. */
  readCredentialFile(file: CredentialFile): Record<string, unknown>;
}

export function readsCredentialFiles(adapter: object): adapter is CredentialFileReader {
  return typeof (adapter as Partial<CredentialFileReader>).readCredentialFile === 'function';
}
