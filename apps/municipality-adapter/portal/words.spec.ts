import {
  ARRANGEMENT_TYPES,
  CLAIM_KINDS,
  DECLINE_REASONS,
  END_REASONS,
  PROGRESS_STATUSES,
  PROPOSAL_REJECT_REASONS,
  REASON_CODES,
} from '@skp/messages';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CREDITOR_STATES } from '../src/kennisgeving/creditor-state';
import { DOSSIER_STATES, SCHULDREGELING_CREDITOR_STATES } from '../src/schuldregeling/schuldregeling-state';

/* words.js is a browser ES module without a build step: load it by evaluating its text. */
type Table = Record<string, string>;
const source = readFileSync(join(__dirname, 'words.js'), 'utf8').replace(/^export /gm, '');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a browser module without a build step, evaluated as text
const words = new Function(
  `${source}\nreturn { CREDITOR_STATE, CREDITOR_STATE_KIND, REASON_CODE, DECLINE_REASON, PROGRESS_STATUS, END_REASON,
    DOSSIER_STATE, DOSSIER_CREDITOR_STATE, ARRANGEMENT_TYPE, PROPOSAL_REJECT_REASON, CLAIM_KIND, ruleText };`,
)() as Record<string, Table> & { ruleText: (v: { rule: string; message: string }) => string };

describe('portal words: every code has Dutch words', () => {
  it.each([
    ['creditor states', CREDITOR_STATES, 'CREDITOR_STATE'],
    ['creditor state badges', CREDITOR_STATES, 'CREDITOR_STATE_KIND'],
    ['hub reason codes', REASON_CODES, 'REASON_CODE'],
    ['decline reasons', DECLINE_REASONS, 'DECLINE_REASON'],
    ['progress statuses', PROGRESS_STATUSES, 'PROGRESS_STATUS'],
    ['end reasons', END_REASONS, 'END_REASON'],
    ['dossier states', DOSSIER_STATES, 'DOSSIER_STATE'],
    ['dossier creditor states', SCHULDREGELING_CREDITOR_STATES, 'DOSSIER_CREDITOR_STATE'],
    ['arrangement types', ARRANGEMENT_TYPES, 'ARRANGEMENT_TYPE'],
    ['proposal reject reasons', PROPOSAL_REJECT_REASONS, 'PROPOSAL_REJECT_REASON'],
    ['claim kinds', CLAIM_KINDS, 'CLAIM_KIND'],
  ])('%s', (_what, codes: readonly string[], table) => {
    const missing = codes.filter(
      (code) => !(typeof words[table][code] === 'string' && words[table][code].length > 0),
    );
    expect(missing).toEqual([]);
    // words, not codes: no text is the code itself
    expect(codes.filter((code) => words[table][code] === code)).toEqual([]);
  });

  it('uses the exact state texts other tests rely on', () => {
    expect(words.CREDITOR_STATE).toEqual({
      SENT: 'Verzonden',
      ACCEPTED: 'Aangenomen door de hub',
      DELIVERED: 'Afgeleverd',
      PAUSED: 'Gepauzeerd',
      DECLINED: 'Geweigerd',
      REJECTED: 'Niet aangenomen',
      OVERDUE: 'Geen antwoord op tijd',
    });
  });

  it('puts rules in words, and falls back to the API message for an unknown rule', () => {
    expect(words.ruleText({ rule: 'bsn-11-proef', message: 'x' })).toMatch(/elfproef/);
    expect(words.ruleText({ rule: 'max-length-200', message: 'x' })).toMatch(/te lang/);
    expect(words.ruleText({ rule: 'something-new', message: 'must be new' })).toBe('must be new');
  });
});
