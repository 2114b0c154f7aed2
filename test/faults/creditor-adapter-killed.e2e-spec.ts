import { faultScenario } from './support/fault-scenario';

/**
 * A creditor adapter is SIGKILLed while Kennisgevingen stream to it, and restarted at once: what
 * it had not acknowledged is redelivered, stored once, and answered.
 */
faultScenario(
  'creditor-adapter-killed',
  'creditor adapter SIGKILLed mid-stream and restarted',
  async (ctx) => {
    const { network } = ctx;
    const creditor = network.creditors[0];
    const at = ctx.random(150, 600);
    ctx.note('killedAtInboxCount', at);
    const before = await ctx.waitFor(
      `${at} Kennisgevingen in the first creditor's inbox`,
      (p) => p.creditorInbox[0] >= at,
    );
    ctx.note('progressAtKill', before);
    await creditor.app.stop('SIGKILL');
    await creditor.app.start();
    return { faultEndedAt: Date.now() };
  },
);
