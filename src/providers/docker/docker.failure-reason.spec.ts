import { describe, expect, it } from 'vitest';
import { errorLines } from './docker.connection';

describe('the cause of a failed component, from its log', () => {
  it('picks the last distinct exception lines above the stack frames', () => {
    const log = [
      '2026-12-02 16:59:01,100 INFO namenode.NameNode: STARTUP_MSG: starting',
      '2026-12-02 16:59:02,000 ERROR namenode.NameNode: Failed to start namenode.',
      'java.lang.NumberFormatException: For input string: "abc"',
      '\tat java.base/java.lang.Integer.parseInt(Integer.java:668)',
      'Caused by: java.lang.NumberFormatException: For input string: "abc"',
      '\tat org.apache.hadoop.conf.Configuration.getInt(Configuration.java:1606)',
    ];
    expect(errorLines(log)).toEqual([
      '2026-12-02 16:59:02,000 ERROR namenode.NameNode: Failed to start namenode.',
      'java.lang.NumberFormatException: For input string: "abc"',
      'Caused by: java.lang.NumberFormatException: For input string: "abc"',
    ]);
    expect(errorLines(['all good', '\tat x.y(Z.java:1)'])).toEqual([]);
  });
});
