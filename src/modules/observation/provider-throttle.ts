import { Inject, Injectable } from '@nestjs/common';
import { HERD_CONFIG, HerdConfig } from '../../config/config';

/** Bounds the provider calls one worker process makes at once, per provider kind and variant. */
@Injectable()
export class ProviderThrottle {
  private readonly slots = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(@Inject(HERD_CONFIG) private readonly config: HerdConfig) {}

  async run<T>(provider: string, call: () => Promise<T>): Promise<T> {
    const slot = this.slots.get(provider) ?? { active: 0, waiting: [] };
    this.slots.set(provider, slot);
    if (slot.active >= this.config.operations.providerConcurrency) await new Promise<void>((resolve) => slot.waiting.push(resolve));
    else slot.active++;
    try {
      return await call();
    } finally {
      const next = slot.waiting.shift();
      if (next) next();
      else slot.active--;
    }
  }
}
