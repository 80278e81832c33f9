import { registryProblems } from './job-registry';

describe('registryProblems', () => {
  const queues = ['rollup-bucket', 'rollup-reconcile'];

  it('accepts exactly one processor per queue', () => {
    expect(registryProblems(queues, ['rollup-reconcile', 'rollup-bucket'])).toEqual([]);
  });

  it('names a queue without a processor', () => {
    expect(registryProblems(queues, ['rollup-bucket'])).toEqual(['queue "rollup-reconcile" has no processor']);
  });

  it('names a queue with two processors', () => {
    expect(registryProblems(queues, ['rollup-bucket', 'rollup-bucket', 'rollup-reconcile'])).toEqual([
      'queue "rollup-bucket" has 2 processors; it must have exactly one',
    ]);
  });

  it('names a processor of an unknown queue', () => {
    expect(registryProblems(queues, ['rollup-bucket', 'rollup-reconcile', 'rollup-bukket'])).toEqual([
      'a processor serves "rollup-bukket", which is not in QueueName',
    ]);
  });
});
