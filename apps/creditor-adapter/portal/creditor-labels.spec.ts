import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLAIM_KINDS,
  DECISIONS,
  DECLINE_REASONS,
  MESSAGE_TYPES,
  PROGRESS_STATUSES,
  PROPOSAL_DECISIONS,
  PROPOSAL_REJECT_REASONS,
} from '@skp/messages';

/* creditor-labels.js is a browser ES module without a build step (and without imports): load its text. */
type Table = Record<string, string>;
interface Labels {
  MESSAGE_TYPES: Table;
  DECISIONS: Table;
  DECLINE_REASONS: Table;
  PROPOSAL_DECISIONS: Table;
  PROPOSAL_REJECT_REASONS: Table;
  CLAIM_KINDS: Table;
  PROGRESS_STATUSES: Table;
  liftReasonText(reason: string): string;
  violationText(violation: { field: string; rule: string; message?: string }): string;
}
const source = readFileSync(join(__dirname, 'creditor-labels.js'), 'utf8').replace(/^export /gm, '');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a browser module without a build step, evaluated as text
const labels = new Function(
  `${source}\nreturn { MESSAGE_TYPES, DECISIONS, DECLINE_REASONS, PROPOSAL_DECISIONS, PROPOSAL_REJECT_REASONS, CLAIM_KINDS, PROGRESS_STATUSES, liftReasonText, violationText };`,
)() as Labels;

describe('creditor portal words', () => {
  it.each([
    ['MESSAGE_TYPES', MESSAGE_TYPES],
    ['DECISIONS', DECISIONS],
    ['DECLINE_REASONS', DECLINE_REASONS],
    ['PROPOSAL_DECISIONS', PROPOSAL_DECISIONS],
    ['PROPOSAL_REJECT_REASONS', PROPOSAL_REJECT_REASONS],
    ['CLAIM_KINDS', CLAIM_KINDS],
    ['PROGRESS_STATUSES', PROGRESS_STATUSES],
  ] as const)('has Dutch words for every code of %s, and no others', (name, codes) => {
    expect(Object.keys(labels[name]).sort()).toEqual([...codes].sort());
    for (const text of Object.values(labels[name])) {
      expect(text).not.toMatch(/^[A-Z_]+$/);
    }
  });

  it('says why a pause ended', () => {
    expect(labels.liftReasonText('DECLINED_DEBTOR_UNKNOWN')).toBe(
      'Door ons geweigerd: de debiteur is bij ons niet bekend',
    );
    expect(labels.liftReasonText('ARRANGEMENT_REACHED')).toBe(
      'Beëindigd door de gemeente: er is een regeling',
    );
  });

  it('puts server violations in words, naming the field', () => {
    const text = (field: string, rule: string, message = 'server words') =>
      labels.violationText({ field, rule, message });
    expect(text('pausedUntil', 'max-requested-end')).toBe(
      'Gepauzeerd tot en met: mag niet later zijn dan het einde dat de gemeente vraagt',
    );
    expect(text('pausedUntil', 'max-pause-6-months')).toMatch(/hoogstens 6 maanden/);
    expect(text('claims[1].outstandingAmountCents', 'integer')).toBe(
      'Vordering 2, openstaand bedrag: vul een bedrag in euro in, zoals 120,50',
    );
    expect(text('header.colour', 'unknown-column')).toBe('kolom colour: is een onbekende kolom');
    expect(text('kind', 'one-of')).toBe('Soort: gebruik ZORG, PUBLIEK, NUTS, OVERIG');
    expect(text('note', 'something-new')).toBe('Toelichting: server words');
  });
});
