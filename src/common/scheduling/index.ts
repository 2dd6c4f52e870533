export { RepeatingTask } from './repeating-task';
export { forEachBounded } from './for-each-bounded';
export { pollUntil, sleep, type PollOptions, type PollResult } from './poll';
