import { logLevelsUpTo } from './log-levels';

describe('logLevelsUpTo', () => {
  it('prints the level and everything more severe', () => {
    expect(logLevelsUpTo('log')).toEqual(['fatal', 'error', 'warn', 'log']);
    expect(logLevelsUpTo('warn')).toEqual(['fatal', 'error', 'warn']);
    expect(logLevelsUpTo('fatal')).toEqual(['fatal']);
    expect(logLevelsUpTo('verbose')).toHaveLength(6);
  });
});
