import { describe, expect, it } from 'vitest';
import { AuthFailedError, ConflictError, FatalProviderError, NotFoundError, RetryableProviderError } from '../spi';
import { translateDockerError } from './docker.errors';

const engine = (statusCode: number, message: string) => Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json: { message } });
const transport = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('docker error translation', () => {
  it('names the missing image in a fatal error', () => {
    const error = translateDockerError(engine(404, 'No such image: herd/absent:1'), 'create container x');
    expect(error).toBeInstanceOf(FatalProviderError);
    expect(error.message).toContain('herd/absent:1');
    expect(error.backendMessage).toBe('No such image: herd/absent:1');
  });

  it.each([
    [engine(404, 'No such container: x'), NotFoundError],
    [engine(409, 'Conflict. The container name "/x" is already in use'), ConflictError],
    [engine(403, 'error while removing network: network x has active endpoints'), ConflictError],
    [engine(401, 'unauthorized'), AuthFailedError],
    [engine(403, 'authorization denied by plugin'), AuthFailedError],
    [engine(500, 'driver failed programming external connectivity'), RetryableProviderError],
    [engine(503, 'Service Unavailable'), RetryableProviderError],
    [engine(400, 'invalid reference format'), FatalProviderError],
    [transport('ECONNREFUSED'), RetryableProviderError],
    [transport('ENOENT'), RetryableProviderError],
    [transport('ETIMEDOUT'), RetryableProviderError],
    [transport('DEPTH_ZERO_SELF_SIGNED_CERT'), AuthFailedError],
    [transport('ERR_TLS_CERT_ALTNAME_INVALID'), AuthFailedError],
  ])('maps %s to %s', (raw, expected) => {
    expect(translateDockerError(raw, 'do something')).toBeInstanceOf(expected);
  });

  it('keeps an error that is already the SPI\'s', () => {
    const original = new ConflictError('busy');
    expect(translateDockerError(original, 'x')).toBe(original);
  });
});
