import { faultScenario } from './support/fault-scenario';

/**
 * The municipality adapter is SIGKILLed in the middle of the CSV import and restarted: the stored
 * job resumes where it stopped, every row sent once, and the answers still arrive.
 */
faultScenario(
  'municipality-adapter-killed',
  'municipality adapter SIGKILLed during the CSV import and restarted',
  async (ctx) => {
    const { network } = ctx;
    const at = ctx.random(300, 1200);
    ctx.note('killedAtProcessedRows', at);
    const before = await ctx.waitFor(`${at} rows of the import processed`, (p) => p.processedRows >= at);
    await network.municipality.stop('SIGKILL');
    ctx.note('progressAtKill', before);
    // the kill came while the job was still running (else the scenario proves nothing)
    expect(before.importStatus).toBe('RUNNING');
    await network.municipality.start();
    return { faultEndedAt: Date.now() };
  },
);
