import { describe, expect, it } from 'vitest';
import { recentlyStarted } from './docker.health';

describe("reading a container's age from the engine's status text", () => {
  it.each([
    ['Up Less than a second', true],
    ['Up 1 second', true],
    ['Up 42 seconds', true],
    ['Up About a minute', true],
    ['Up 4 minutes', true],
    ['Up 5 minutes', false],
    ['Up 12 minutes', false],
    ['Up About an hour', false],
    ['Up 3 hours', false],
    ['Exited (1) 2 seconds ago', false],
  ])('%s is within the 5-minute grace without an inspect: %s', (status, recent) => {
    expect(recentlyStarted(status)).toBe(recent);
  });
});
