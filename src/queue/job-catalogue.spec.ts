import { describe, expect, it } from 'vitest';
import { checkHandlers, JOB_NAMES } from './job-catalogue';

describe('job catalogue', () => {
  const all = JOB_NAMES.map((jobName) => ({ jobName }));

  it('accepts exactly one handler per job name', () => {
    expect(checkHandlers(all)).toEqual([]);
  });

  it('names a job without a handler, a job with two, and a handler for an unknown job', () => {
    const problems = checkHandlers([...all.slice(1), all[2]!, { jobName: 'nope' as never }]);
    expect(problems).toContain(`job "${JOB_NAMES[0]}" has no handler`);
    expect(problems).toContain(`job "${JOB_NAMES[2]}" has 2 handlers`);
    expect(problems).toContain('a handler serves "nope", which is not in the job catalogue');
  });
});
