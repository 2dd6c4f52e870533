import { describe, expect, it } from 'vitest';
import { componentStep, verificationStep } from './hadoop-steps';

describe('Hadoop step words', () => {
  it('names the Hadoop step of a start group and how far it is', () => {
    expect(componentStep(['NAMENODE'], 0, 1)).toBe('Formatting and starting the NameNode: 0 of 1 up');
    expect(componentStep(['DATANODE'], 2, 3)).toBe('Starting the DataNodes: 2 of 3 up');
    expect(componentStep(['APP_TIMELINE_SERVER', 'HISTORYSERVER'], 1, 2)).toBe('Starting the YARN timeline server and starting the MapReduce JobHistory server: 1 of 2 up');
    expect(componentStep(['HBASE_MASTER'], 0, 1)).toBe('Starting HBASE_MASTER: 0 of 1 up');
  });

  it('says what the verification waits for', () => {
    expect(verificationStep('2/3 DataNodes live, 3/3 NodeManagers active')).toBe('Waiting for the masters to count their workers: 2/3 DataNodes live, 3/3 NodeManagers active');
  });
});
