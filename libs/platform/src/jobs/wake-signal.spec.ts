import { WakeSignal } from './wake-signal';

describe('WakeSignal', () => {
  it('cuts a sleep short when notified', async () => {
    const signal = new WakeSignal();
    const started = Date.now();
    const sleeping = signal.sleep(60_000);
    signal.notify();
    await sleeping;
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('returns at once after a notify that came while the loop was busy, until cleared', async () => {
    const signal = new WakeSignal();
    signal.notify();
    await signal.sleep(60_000); // would time the test out if it slept
    signal.clear();
    let slept = false;
    const sleeping = signal.sleep(20).then(() => (slept = true));
    expect(slept).toBe(false);
    await sleeping;
    expect(slept).toBe(true);
  });

  it('sleeps the whole time when asked to, even if notified before', async () => {
    const signal = new WakeSignal();
    signal.notify();
    let done = false;
    const sleeping = signal.sleep(30, { evenIfNotified: true }).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await sleeping;
    expect(done).toBe(true);
  });
});
