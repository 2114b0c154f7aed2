import { eventually } from '../support/eventually';
import { faultScenario } from './support/fault-scenario';

const OUTAGE_MS = 60_000;

/**
 * PostgreSQL (the one cluster every app of the network uses) stops for 60 seconds while
 * Kennisgevingen flow, then starts again: the apps wait instead of burning deliveries.
 */
faultScenario('postgres-down', 'PostgreSQL down for 60 s mid-stream', async (ctx) => {
  const { network } = ctx;
  const at = ctx.random(200, 500);
  ctx.note('stoppedAtHubPaused', at);
  ctx.note('progressAtStop', await ctx.waitFor(`${at} PAUSED at the hub`, (p) => p.hubPaused >= at));
  const stoppedAt = Date.now();
  await network.pg.stop();
  // the deliberate outage, measured on the clock by polling (the suite never sleeps)
  await eventually(() => Date.now() - stoppedAt >= OUTAGE_MS, {
    what: 'the outage to last 60 s',
    timeoutMs: OUTAGE_MS + 10_000,
    intervalMs: 500,
  });
  await network.pg.start();
  ctx.note('outageMs', Date.now() - stoppedAt);
  return { faultEndedAt: Date.now() };
});
