import { faultScenario } from './support/fault-scenario';

/**
 * The RabbitMQ node is SIGKILLed while Kennisgevingen flow and started again: every app's
 * connection, channels, consumers and outbox relay must come back by themselves.
 */
faultScenario('rabbitmq-killed', 'RabbitMQ SIGKILLed mid-stream and restarted', async (ctx) => {
  const { network } = ctx;
  const at = ctx.random(200, 600);
  ctx.note('killedAtHubPaused', at);
  ctx.note('progressAtKill', await ctx.waitFor(`${at} PAUSED at the hub`, (p) => p.hubPaused >= at));
  const killedAt = Date.now();
  await network.rabbit.kill();
  await network.rabbit.start();
  ctx.note('brokerDownMs', Date.now() - killedAt);
  return { faultEndedAt: Date.now() };
});
