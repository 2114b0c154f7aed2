import { RepeatingJob } from './repeating-job';

describe('RepeatingJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at each interval, skipping a turn while a run is still going', async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    const job = new RepeatingJob(100, () => {
      runs += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    job.start();
    jest.advanceTimersByTime(100);
    expect(runs).toBe(1);
    jest.advanceTimersByTime(300); // still running: no second run beside it
    expect(runs).toBe(1);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(100);
    expect(runs).toBe(2);
    finish();
    await job.stop();
  });

  it('stop() waits for the run in progress and ends the schedule', async () => {
    let runs = 0;
    let finished = false;
    let finish: () => void = () => undefined;
    const job = new RepeatingJob(100, () => {
      runs += 1;
      return new Promise<void>((resolve) => (finish = resolve)).then(() => {
        finished = true;
      });
    });
    job.start();
    jest.advanceTimersByTime(100);
    const stopped = job.stop();
    finish();
    await stopped;
    expect(finished).toBe(true);
    jest.advanceTimersByTime(1_000);
    expect(runs).toBe(1);
  });
});
