import { prepareProgress } from './progress-request';

const starts = ['2026-03-02'];
const rulesOf = (raw: unknown, pauseStarts = starts): Array<{ field: string; rule: string }> => {
  const prepared = prepareProgress(raw, pauseStarts);
  return prepared.ok ? [] : prepared.violations.map(({ field, rule }) => ({ field, rule }));
};

describe('prepareProgress', () => {
  it('accepts a plain status update with a note', () => {
    expect(prepareProgress({ status: 'ARRANGEMENT_OFFERED', note: 'offer sent' }, starts)).toEqual({
      ok: true,
      body: { status: 'ARRANGEMENT_OFFERED', note: 'offer sent' },
    });
  });

  it('accepts PAUSE_EXTENDED up to exactly 8 months after the original start', () => {
    expect(prepareProgress({ status: 'PAUSE_EXTENDED', newPauseEnd: '2026-11-02' }, starts)).toEqual({
      ok: true,
      body: { status: 'PAUSE_EXTENDED', newPauseEnd: '2026-11-02' },
    });
  });

  it('rejects PAUSE_EXTENDED beyond 8 months after the original start of any Kennisgeving', () => {
    expect(rulesOf({ status: 'PAUSE_EXTENDED', newPauseEnd: '2026-11-03' })).toEqual([
      { field: 'newPauseEnd', rule: 'pause-max-8-months' },
    ]);
    expect(
      rulesOf({ status: 'PAUSE_EXTENDED', newPauseEnd: '2026-11-02' }, ['2026-03-02', '2026-03-01']),
    ).toEqual([{ field: 'newPauseEnd', rule: 'pause-max-8-months' }]);
  });

  it('requires newPauseEnd iff PAUSE_EXTENDED', () => {
    expect(rulesOf({ status: 'PAUSE_EXTENDED' })).toEqual([
      { field: 'newPauseEnd', rule: 'required-iff-PAUSE_EXTENDED' },
    ]);
    expect(rulesOf({ status: 'ARRANGEMENT_AGREED', newPauseEnd: '2026-08-01' })).toEqual([
      { field: 'newPauseEnd', rule: 'forbidden-unless-PAUSE_EXTENDED' },
    ]);
  });

  it('rejects a newPauseEnd that is not a date or not after the pause start', () => {
    expect(rulesOf({ status: 'PAUSE_EXTENDED', newPauseEnd: '2026-13-01' })).toEqual([
      { field: 'newPauseEnd', rule: 'iso-date' },
    ]);
    expect(rulesOf({ status: 'PAUSE_EXTENDED', newPauseEnd: '2026-03-02' })).toEqual([
      { field: 'newPauseEnd', rule: 'not-after-pause-start' },
    ]);
  });

  it('requires endReason iff PAUSE_ENDED, from the allowed list', () => {
    expect(prepareProgress({ status: 'PAUSE_ENDED', endReason: 'WSNP' }, starts).ok).toBe(true);
    expect(rulesOf({ status: 'PAUSE_ENDED' })).toEqual([
      { field: 'endReason', rule: 'required-iff-PAUSE_ENDED' },
    ]);
    expect(rulesOf({ status: 'PAUSE_ENDED', endReason: 'BORED' })).toEqual([
      { field: 'endReason', rule: 'one-of' },
    ]);
    expect(rulesOf({ status: 'STABILISATION_STARTED', endReason: 'WSNP' })).toEqual([
      { field: 'endReason', rule: 'forbidden-unless-PAUSE_ENDED' },
    ]);
  });

  it('rejects a missing or unknown status, unknown fields and a too long note, all at once', () => {
    expect(rulesOf({ note: 'x'.repeat(2001), extra: 1 })).toEqual([
      { field: 'extra', rule: 'unknown-field' },
      { field: 'status', rule: 'required' },
      { field: 'note', rule: 'max-length-2000' },
    ]);
    expect(rulesOf({ status: 'DONE' })).toEqual([{ field: 'status', rule: 'one-of' }]);
    expect(rulesOf('PAUSE_ENDED')).toEqual([{ field: '', rule: 'not-an-object' }]);
  });
});
