import { tooSlow, TransferWatch } from './transfer-watch';

describe('tooSlow', () => {
  it('judges a window by the minimum rate, and never when the check is off', () => {
    expect(tooSlow(16 * 1024 * 30 - 1, 30, 16 * 1024)).toBe(true);
    expect(tooSlow(16 * 1024 * 30, 30, 16 * 1024)).toBe(false);
    expect(tooSlow(0, 30, 0)).toBe(false);
  });
});

describe('TransferWatch', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('calls onSlow at the end of a window with too few bytes, not before, and stops when told', () => {
    const slow: number[] = [];
    const watch = new TransferWatch(100, 2, (bytes) => slow.push(bytes)).start();
    watch.add(250);
    jest.advanceTimersByTime(2000); // 250 ≥ 200: fine
    expect(slow).toEqual([]);
    watch.add(150);
    jest.advanceTimersByTime(1999);
    expect(slow).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(slow).toEqual([150]);
    watch.stop();
    jest.advanceTimersByTime(10_000);
    expect(slow).toEqual([150]);
  });
});
