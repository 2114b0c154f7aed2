import { faultScenario } from './support/fault-scenario';

/**
 * The hub is SIGKILLed twice at random moments while Kennisgevingen flow, and restarted each
 * time: what it had taken but not finished is redelivered and recorded once.
 */
faultScenario('hub-killed', 'hub SIGKILLed twice at random moments mid-stream', async (ctx) => {
  const { network } = ctx;
  const first = ctx.random(100, 600);
  const second = ctx.random(first + 300, 1500);
  ctx.note('killedAtHubPaused', [first, second]);
  const progress: unknown[] = [];
  for (const at of [first, second]) {
    progress.push(await ctx.waitFor(`${at} PAUSED at the hub`, (p) => p.hubPaused >= at));
    await network.hub.stop('SIGKILL');
    await network.hub.start();
  }
  ctx.note('progressAtKills', progress);
  return { faultEndedAt: Date.now() };
});
