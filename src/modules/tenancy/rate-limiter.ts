import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../common/errors';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { atMostEvery } from '../../common/logging';
import { RedisUnavailable, withinRedisDeadline } from '../../queue/redis-deadline';
import { REDIS, RedisConnection } from '../../queue/redis.module';
import { TOKEN_BUCKET_SCRIPT } from './token-bucket.script';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterMs: number;
}

type BucketRedis = RedisConnection & { herdTokenBucket(key: string, capacity: number, ratePerMs: number): Promise<[number, number, number]> };

/** A decision that cannot be made quickly is no reason to refuse service. */
const REDIS_TIMEOUT_MS = 500;

/**
 * Per-key and per-IP token buckets in Redis, shared by every API replica. When Redis does not
 * answer in time the request is let through and a warning is logged: rate limiting protects
 * capacity, and refusing every request would defeat that purpose.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly redis: BucketRedis;
  private readonly warn = atMostEvery(60_000, (reason) => this.logger.warn(`rate limiting skipped: ${reason}`));

  constructor(
    @Inject(REDIS) redis: RedisConnection,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {
    this.redis = redis as BucketRedis;
    if (typeof this.redis.herdTokenBucket !== 'function') this.redis.defineCommand('herdTokenBucket', { numberOfKeys: 1, lua: TOKEN_BUCKET_SCRIPT });
  }

  /** Takes one request from the key's bucket; throws RATE_LIMITED (429 + Retry-After) when empty. */
  async consumeForKey(apiKeyId: string): Promise<RateDecision> {
    return this.consume(`key:${apiKeyId}`, this.config.rateLimitBurst, this.config.rateLimitPerMinute, 'This API key');
  }

  /** The same for a request without a valid key, counted per client address. */
  async consumeForIp(ip: string): Promise<RateDecision> {
    const perMinute = this.config.rateLimitPerIpPerMinute;
    return this.consume(`ip:${ip}`, perMinute, perMinute, 'This client address');
  }

  private async consume(bucket: string, capacity: number, perMinute: number, who: string): Promise<RateDecision> {
    const key = `${this.config.redisPrefix}:ratelimit:${bucket}`;
    const answer = await this.withTimeout(this.redis.herdTokenBucket(key, capacity, perMinute / 60_000));
    if (!answer) return { allowed: true, limit: perMinute, remaining: capacity, retryAfterMs: 0 };
    const [allowed, remaining, retryAfterMs] = answer;
    const decision = { allowed: allowed === 1, limit: perMinute, remaining, retryAfterMs };
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
      throw new DomainError('RATE_LIMITED', `${who} has made too many requests (limit ${perMinute} per minute); retry in ${seconds} s`, [], {
        'Retry-After': String(seconds),
        'X-RateLimit-Limit': String(perMinute),
        'X-RateLimit-Remaining': '0',
      });
    }
    return decision;
  }

  private async withTimeout<T>(call: Promise<T>): Promise<T | undefined> {
    try {
      return await withinRedisDeadline(call, 'the rate limit', REDIS_TIMEOUT_MS);
    } catch (error) {
      this.warn(error instanceof RedisUnavailable ? 'Redis did not answer in time' : `Redis failed: ${(error as Error).message}`);
      return undefined;
    }
  }
}
