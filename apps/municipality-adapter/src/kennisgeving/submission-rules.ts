import { isValidOin, Variant } from '@skp/messages';
import { FieldViolation, fieldViolation } from './field-violation';

/*
 * Rules of a submission that a field decorator cannot say: they need more than one field. The
 * DTO (dto/submit-kennisgeving.dto.ts) holds every rule of a single field.
 */

/** PUBLIC (with BSN) only for a creditor the configuration allows to process the BSN. */
export function chooseVariant(creditorOin: string, bsnAllowed: ReadonlySet<string>): Variant {
  return bsnAllowed.has(creditorOin) ? 'PUBLIC' : 'PRIVATE';
}

/** One Kennisgeving per creditor: the second mention of a creditor's OIN is refused. */
export function duplicateCreditors(creditors: unknown): FieldViolation[] {
  if (!Array.isArray(creditors)) {
    return [];
  }
  const seen = new Set<string>();
  const found: FieldViolation[] = [];
  creditors.forEach((creditor: unknown, index) => {
    const oin = (creditor as { oin?: unknown } | null)?.oin;
    if (!isValidOin(oin)) {
      return;
    }
    if (seen.has(oin)) {
      found.push(fieldViolation(`creditors[${index}].oin`, 'duplicate-creditor'));
    }
    seen.add(oin);
  });
  return found;
}
