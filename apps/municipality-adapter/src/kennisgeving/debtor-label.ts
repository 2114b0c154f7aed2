import type { Debtor } from '@skp/messages';

/**
 * What the case list shows of a debtor: initials and surname, e.g. "J.P. de Vries". Enough for the
 * counsellor to recognise the case, never the BSN.
 */
export function debtorLabel(
  debtor: Pick<Debtor, 'initials' | 'givenNames' | 'surnamePrefix' | 'surname'>,
): string {
  const initials =
    debtor.initials?.trim() ||
    debtor.givenNames
      .split(/\s+/)
      .filter((name) => name.length > 0)
      .map((name) => `${name[0].toUpperCase()}.`)
      .join('');
  return [initials, debtor.surnamePrefix?.trim(), debtor.surname.trim()]
    .filter((part) => part && part.length > 0)
    .join(' ');
}
