import { planReplacement } from './child-replacement';

describe('planReplacement', () => {
  it('keeps the ids given, numbers positions from 1 and lists the children left out', () => {
    const plan = planReplacement(
      'steps',
      ['s1', 's2', 's3'],
      [{ id: 's3', n: 'c' }, { n: 'new' }, { id: 's1', n: 'a' }],
    );
    expect(plan.errors).toEqual([]);
    expect(plan.items).toEqual([
      { position: 1, id: 's3', item: { id: 's3', n: 'c' } },
      { position: 2, id: null, item: { n: 'new' } },
      { position: 3, id: 's1', item: { id: 's1', n: 'a' } },
    ]);
    expect(plan.removedIds).toEqual(['s2']);
  });

  it('names unknown and repeated ids by their index', () => {
    const plan = planReplacement('metrics', ['m1'], [{ id: 'm1' }, { id: 'elsewhere' }, { id: 'm1' }]);
    expect(plan.errors).toEqual([
      "metrics.1.id must be the id of one of the record's metrics, or left out for a new one",
      'metrics.2.id appears more than once',
    ]);
  });

  it('treats an empty list as removing every child', () => {
    expect(planReplacement('metrics', ['m1', 'm2'], []).removedIds).toEqual(['m1', 'm2']);
  });
});
