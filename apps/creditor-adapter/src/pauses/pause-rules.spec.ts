import type { KennisgevingBody } from '@skp/messages';
import {
  applyAcknowledgement,
  applyProgressUpdate,
  isPauseActive,
  normaliseName,
  pauseFromKennisgeving,
  PauseRecord,
  summariseDebtorPause,
} from './pause-rules';
import { todayInAmsterdam } from '@skp/messages';

const MUNICIPALITY = '00000001002220647000';

function aBody(overrides: Partial<KennisgevingBody> = {}): KennisgevingBody {
  return {
    variant: 'PUBLIC',
    debtor: {
      bsn: '111222333',
      givenNames: 'Jan',
      surnamePrefix: 'de',
      surname: 'Vries',
      birthDate: '1980-05-17',
      address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521 az', city: 'Utrecht' },
    },
    municipality: { code: '0344', name: 'Utrecht' },
    counsellor: { organisation: 'Gemeente Utrecht', name: 'A. Consulent', email: 'schulden@utrecht.nl' },
    caseReference: 'CASE-1',
    admissionDate: '2026-03-01',
    pause: { start: '2026-03-01', end: '2026-07-01' },
    ...overrides,
  };
}

const pause = (conversationId: string, body = aBody()): PauseRecord =>
  pauseFromKennisgeving(conversationId, MUNICIPALITY, body, true);

describe('pause register rules', () => {
  it('creates a pause from a Kennisgeving, with normalised lookup keys', () => {
    const created = pause('c1');
    expect(created).toMatchObject({
      conversationId: 'c1',
      bsn: '111222333',
      surnameKey: 'vries',
      fullSurnameKey: 'de vries',
      postcode: '3521AZ',
      startDate: '2026-03-01',
      requestedEnd: '2026-07-01',
      endDate: '2026-07-01',
      liftedOn: null,
    });
    expect(summariseDebtorPause([created], '2026-03-10')).toEqual({
      paused: true,
      pausedUntil: '2026-07-01',
      since: '2026-03-01',
      caseReference: 'CASE-1',
      municipality: { code: '0344', name: 'Utrecht' },
      counsellor: { organisation: 'Gemeente Utrecht', name: 'A. Consulent', email: 'schulden@utrecht.nl' },
      conversationId: 'c1',
    });
  });

  it('keeps no BSN when this creditor may not process it', () => {
    expect(pauseFromKennisgeving('c1', MUNICIPALITY, aBody(), false).bsn).toBeNull();
  });

  it('a second Kennisgeving for the same debtor extends the pause to the later end, since the earlier start', () => {
    const first = pause('c1');
    const second = pause(
      'c2',
      aBody({ caseReference: 'CASE-2', pause: { start: '2026-05-01', end: '2026-11-01' } }),
    );
    const status = summariseDebtorPause([first, second], '2026-06-01');
    expect(status).toMatchObject({
      paused: true,
      pausedUntil: '2026-11-01',
      since: '2026-03-01',
      caseReference: 'CASE-2',
      conversationId: 'c2',
    });
  });

  it('PAUSE_EXTENDED moves the end to the new date', () => {
    const extended = applyProgressUpdate(
      pause('c1'),
      { status: 'PAUSE_EXTENDED', newPauseEnd: '2026-10-15' },
      '2026-04-01',
    );
    expect(extended.endDate).toBe('2026-10-15');
    expect(extended.requestedEnd).toBe('2026-07-01');
    expect(summariseDebtorPause([extended], '2026-09-01')).toMatchObject({
      paused: true,
      pausedUntil: '2026-10-15',
    });
  });

  it('PAUSE_ENDED lifts the pause as of today, and a later extension does not revive it', () => {
    const ended = applyProgressUpdate(
      pause('c1'),
      { status: 'PAUSE_ENDED', endReason: 'ARRANGEMENT_REACHED' },
      '2026-04-01',
    );
    expect(ended).toMatchObject({
      liftedOn: '2026-04-01',
      liftReason: 'ARRANGEMENT_REACHED',
      lastStatus: 'PAUSE_ENDED',
    });
    expect(summariseDebtorPause([ended], '2026-04-01')).toEqual({ paused: false });
    const after = applyProgressUpdate(
      ended,
      { status: 'PAUSE_EXTENDED', newPauseEnd: '2026-10-15' },
      '2026-04-02',
    );
    expect(after.liftedOn).toBe('2026-04-01');
    expect(after.endDate).toBe('2026-07-01');
  });

  it('other statuses are recorded without moving the pause', () => {
    const updated = applyProgressUpdate(pause('c1'), { status: 'ARRANGEMENT_OFFERED' }, '2026-04-01');
    expect(updated).toMatchObject({
      lastStatus: 'ARRANGEMENT_OFFERED',
      endDate: '2026-07-01',
      liftedOn: null,
    });
  });

  it('ends by itself at its end date: paused on the end date, not the day after', () => {
    const p = pause('c1');
    expect(isPauseActive(p, '2026-07-01')).toBe(true);
    expect(isPauseActive(p, '2026-07-02')).toBe(false);
    expect(summariseDebtorPause([p], '2026-07-02')).toEqual({ paused: false });
  });

  it('an expired pause does not count beside an active one', () => {
    const old = pause(
      'c0',
      aBody({ caseReference: 'OLD', pause: { start: '2025-01-01', end: '2025-05-01' } }),
    );
    expect(summariseDebtorPause([old, pause('c1')], '2026-03-02')).toMatchObject({
      since: '2026-03-01',
      caseReference: 'CASE-1',
    });
  });

  it("follows this creditor's answer: a shorter confirmed end, or no pause when declined", () => {
    const confirmed = applyAcknowledgement(
      pause('c1'),
      { decision: 'PAUSED', pausedUntil: '2026-06-01', creditorCustomerNumber: 'K-1' },
      '2026-03-02',
    );
    expect(confirmed).toMatchObject({ endDate: '2026-06-01', customerNumber: 'K-1', liftedOn: null });
    const declined = applyAcknowledgement(
      pause('c1'),
      { decision: 'DECLINED', declineReason: 'DEBTOR_UNKNOWN' },
      '2026-03-02',
    );
    expect(declined).toMatchObject({ liftedOn: '2026-03-02', liftReason: 'DECLINED_DEBTOR_UNKNOWN' });
    expect(summariseDebtorPause([declined], '2026-03-02')).toEqual({ paused: false });
  });

  it('normalises names for lookup: case, accents, punctuation', () => {
    expect(normaliseName("  Ö'Brien-Smit ")).toBe('o brien smit');
    expect(normaliseName('De  Vries')).toBe('de vries');
  });

  it('today is the Dutch calendar date, not the UTC one', () => {
    expect(todayInAmsterdam(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(todayInAmsterdam(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(todayInAmsterdam(new Date('2026-07-01T22:01:00Z'))).toBe('2026-07-02');
  });
});
