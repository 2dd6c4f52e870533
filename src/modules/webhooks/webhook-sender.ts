import { Inject, Injectable } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { EgressPolicyService } from '../../common/egress';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { WEBHOOK_URL_CHECK } from './webhook-url';

/** What one attempt came to: a status code when the receiver answered, an error when not. */
export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Longest answer body herd reads (and drops): a receiver cannot make herd buffer more. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Posts one signed body. The URL is checked against the egress policy again, and the connection
 * goes to the address that check resolved, so a DNS change cannot steer herd elsewhere.
 */
@Injectable()
export class WebhookSender {
  constructor(
    private readonly egress: EgressPolicyService,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {}

  async send(url: string, body: string, headers: Record<string, string>): Promise<SendResult> {
    const started = Date.now();
    const done = (statusCode: number | null, error: string | null): SendResult => ({ statusCode, error, durationMs: Date.now() - started });
    let address: string | undefined;
    try {
      ({ addresses: [address] } = await this.egress.assertAllowed(url, WEBHOOK_URL_CHECK));
    } catch (error) {
      return done(null, `refused by the egress policy: ${(error as Error).message}`);
    }
    return new Promise<SendResult>((resolve) => {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(target, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'herd-webhooks' },
        lookup: address ? pinnedLookup(address) : undefined,
        timeout: this.config.eventConsumers.webhookTimeoutMs,
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.config.eventConsumers.webhookTimeoutMs} ms`)));
      req.on('error', (error) => resolve(done(null, error.message)));
      req.on('response', (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        response.on('close', () => resolve(done(response.statusCode ?? null, null)));
      });
      req.end(body);
    });
  }
}

function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  return (_host, options, callback) => {
    if (options.all) (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
