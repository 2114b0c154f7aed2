import { acknowledgementViolations, autoAcknowledgement, latestPausedUntil } from './acknowledgement-rules';

const ctx = { pauseStart: '2026-03-01', requestedEnd: '2026-11-01' };
const rules = (body: unknown, context = ctx) =>
  acknowledgementViolations(body, context).map((v) => `${v.field}:${v.rule}`);

describe('acknowledgement validation', () => {
  it('accepts a PAUSED answer up to the requested end and a DECLINED answer with a reason', () => {
    expect(rules({ decision: 'PAUSED', pausedUntil: '2026-11-01' })).toEqual([]);
    expect(
      rules({
        decision: 'PAUSED',
        pausedUntil: '2026-06-01',
        outstandingAmountCents: 0,
        contact: { name: 'Desk' },
      }),
    ).toEqual([]);
    expect(rules({ decision: 'DECLINED', declineReason: 'DEBTOR_UNKNOWN', note: 'x'.repeat(2000) })).toEqual(
      [],
    );
  });

  it('pausedUntil iff PAUSED, declineReason iff DECLINED', () => {
    expect(rules({ decision: 'PAUSED' })).toEqual(['pausedUntil:required-iff-PAUSED']);
    expect(rules({ decision: 'DECLINED' })).toEqual(['declineReason:required-iff-DECLINED']);
    expect(rules({ decision: 'DECLINED', declineReason: 'OTHER', pausedUntil: '2026-05-01' })).toEqual([
      'pausedUntil:forbidden-unless-PAUSED',
    ]);
    expect(rules({ decision: 'PAUSED', pausedUntil: '2026-05-01', declineReason: 'OTHER' })).toEqual([
      'declineReason:forbidden-unless-DECLINED',
    ]);
  });

  it('names field and rule for bad values', () => {
    expect(rules({ decision: 'MAYBE' })).toEqual(['decision:one-of']);
    expect(rules({ decision: 'DECLINED', declineReason: 'BORED' })).toEqual(['declineReason:one-of']);
    expect(rules({ decision: 'PAUSED', pausedUntil: '2026-02-30' })).toEqual(['pausedUntil:iso-date']);
    expect(rules({ decision: 'DECLINED', declineReason: 'OTHER', note: 'x'.repeat(2001) })).toEqual([
      'note:max-length-2000',
    ]);
    expect(rules({ decision: 'DECLINED', declineReason: 'OTHER', outstandingAmountCents: -1 })).toEqual([
      'outstandingAmountCents:minimum-0',
    ]);
    expect(rules({ decision: 'DECLINED', declineReason: 'OTHER', colour: 'red' })).toEqual([
      'colour:unknown-field',
    ]);
    expect(rules({})).toContain('decision:required');
  });

  it('pausedUntil after the start and not after the requested end', () => {
    expect(rules({ decision: 'PAUSED', pausedUntil: '2026-11-02' })).toEqual([
      'pausedUntil:max-requested-end',
    ]);
    expect(rules({ decision: 'PAUSED', pausedUntil: '2026-03-01' })).toEqual([
      'pausedUntil:after-pause-start',
    ]);
  });

  it("pausedUntil within the creditor's own maximum when it has one", () => {
    const capped = { ...ctx, maxPauseMonths: 6 };
    expect(rules({ decision: 'PAUSED', pausedUntil: '2026-09-01' }, capped)).toEqual([]);
    expect(rules({ decision: 'PAUSED', pausedUntil: '2026-09-02' }, capped)).toEqual([
      'pausedUntil:max-pause-6-months',
    ]);
  });
});

describe('auto-acknowledge policy', () => {
  it('answers PAUSED until the requested end without a cap', () => {
    expect(autoAcknowledgement(ctx)).toEqual({ decision: 'PAUSED', pausedUntil: '2026-11-01' });
  });

  it('caps at start + CREDITOR_MAX_PAUSE_MONTHS when that is earlier', () => {
    expect(autoAcknowledgement({ ...ctx, maxPauseMonths: 6 })).toEqual({
      decision: 'PAUSED',
      pausedUntil: '2026-09-01',
    });
    expect(latestPausedUntil({ ...ctx, maxPauseMonths: 8 })).toBe('2026-11-01');
  });

  it('clamps to the month end like the calendar does', () => {
    expect(
      latestPausedUntil({ pauseStart: '2026-08-31', requestedEnd: '2027-04-30', maxPauseMonths: 6 }),
    ).toBe('2027-02-28');
  });

  it('always produces an answer that passes its own validation', () => {
    for (const maxPauseMonths of [1, 4, 6, 8, undefined]) {
      const context = { ...ctx, ...(maxPauseMonths ? { maxPauseMonths } : {}) };
      expect(acknowledgementViolations(autoAcknowledgement(context), context)).toEqual([]);
    }
  });
});
