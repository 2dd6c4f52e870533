/** How herd hands cluster events to the event feed and to webhooks; read from the environment with the rest of the config. */
export interface EventConsumersConfig {
  /** Pause between two looks for events not yet relayed (HERD_EVENT_RELAY_POLL_MS). */
  relayPollMs: number;
  /** Approximate number of entries the Redis event feed keeps (HERD_EVENT_FEED_MAXLEN). */
  feedMaxLength: number;
  /** Tries of one webhook delivery before it is given up (HERD_WEBHOOK_MAX_ATTEMPTS). */
  webhookMaxAttempts: number;
  /** Pause before the second try; each further try waits twice as long (HERD_WEBHOOK_BACKOFF_MS). */
  webhookBackoffMs: number;
  /** How long one delivery attempt may take (HERD_WEBHOOK_TIMEOUT_MS). */
  webhookTimeoutMs: number;
  /** Failed attempts in a row after which a webhook is disabled (HERD_WEBHOOK_DISABLE_AFTER_FAILURES). */
  webhookDisableAfterFailures: number;
}

type Integer = (name: string, fallback: number, min: number, max: number) => number;

export function loadEventConsumersConfig(integer: Integer): EventConsumersConfig {
  return {
    relayPollMs: integer('HERD_EVENT_RELAY_POLL_MS', 1000, 10, 60_000),
    feedMaxLength: integer('HERD_EVENT_FEED_MAXLEN', 100_000, 100, 100_000_000),
    webhookMaxAttempts: integer('HERD_WEBHOOK_MAX_ATTEMPTS', 8, 1, 100),
    webhookBackoffMs: integer('HERD_WEBHOOK_BACKOFF_MS', 10_000, 10, 3_600_000),
    webhookTimeoutMs: integer('HERD_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    webhookDisableAfterFailures: integer('HERD_WEBHOOK_DISABLE_AFTER_FAILURES', 15, 1, 10_000),
  };
}
