import { newMessageId } from '../builders';
import { HELP_REQUEST_REFERENCE_PATTERN, helpRequestReference } from './help-request-reference';

describe('a HelpRequest reference', () => {
  it('is the same wherever it is made from the same messageId', () => {
    const id = '3f2a9c01-7b1e-4c2d-9a7f-0123456789ab';
    expect(helpRequestReference(id)).toBe(helpRequestReference(id));
    expect(helpRequestReference(id)).toMatch(HELP_REQUEST_REFERENCE_PATTERN);
  });

  it('is short, in the look-alike-free alphabet, and differs between requests', () => {
    const refs = new Set(Array.from({ length: 2000 }, () => helpRequestReference(newMessageId())));
    expect(refs.size).toBe(2000);
    for (const ref of refs) {
      expect(ref).toMatch(HELP_REQUEST_REFERENCE_PATTERN);
      expect(ref).not.toMatch(/[01ILOU]/);
    }
  });
});
