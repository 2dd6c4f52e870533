export { RepeatingTask } from './repeating-task';
export { forEachBounded } from './for-each-bounded';
