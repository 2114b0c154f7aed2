import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { ValidationFailed, validationExceptionFactory } from '@skp/platform';
import { prepareSubmission, SubmissionContext } from '../submission';
import { SubmitKennisgevingDto } from './submit-kennisgeving.dto';

const PUBLIC_CREDITOR = '00000003123456780000';
const context: SubmissionContext = {
  sender: '00000001002220647000',
  municipality: { code: '0344', name: 'Utrecht' },
  counsellorDesk: { organisation: 'Gemeente Utrecht', name: 'Schuldhulp', email: 'schulden@utrecht.nl' },
  bsnAllowed: new Set([PUBLIC_CREDITOR]),
};

const pipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationExceptionFactory(),
});

async function pipeRules(body: unknown): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype: SubmitKennisgevingDto });
    return [];
  } catch (error) {
    return (error as ValidationFailed).violations.map((v) => `${v.field}:${v.rule}`);
  }
}

function serviceRules(body: unknown): string[] {
  const prepared = prepareSubmission(body, context);
  return prepared.ok ? [] : prepared.violations.map((v) => `${v.field}:${v.rule}`);
}

const aRequest = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  caseReference: 'SHV-2026-001',
  debtor: {
    bsn: '12345672',
    givenNames: 'Jan',
    surname: 'Vries',
    birthDate: '1980-05-17',
    address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521 az', city: 'Utrecht' },
  },
  admissionDate: '2026-03-02',
  pause: { start: '2026-03-02' },
  creditors: [{ oin: PUBLIC_CREDITOR }],
  ...overrides,
});

describe('SubmitKennisgevingDto: one rule source for the ValidationPipe and prepareSubmission', () => {
  it('lets a valid request through both, with an 8-digit BSN and a postcode as typed', async () => {
    expect(await pipeRules(aRequest())).toEqual([]);
    expect(serviceRules(aRequest())).toEqual([]);
  });

  it.each([
    [
      'the e2e example',
      {
        creditors: [{ oin: PUBLIC_CREDITOR }, { oin: '123' }],
        pause: { start: '2026-03-02', end: '2026-12-02' },
      },
    ],
    ['a missing debtor and an unknown field', { debtor: undefined, extra: 1 }],
    ['an empty creditor list and a bad signal', { creditors: [], signal: 5 }],
    ['a blank case reference and a bad admission date', { caseReference: ' ', admissionDate: '02-03-2026' }],
    [
      'a bad partner BSN and counsellor e-mail',
      {
        partner: { bsn: '111222334', givenNames: 'A', surname: 'B', birthDate: '1980-01-01' },
        counsellor: { email: 'nope' },
      },
    ],
  ])('reports the same fields and rules for %s', async (_name, overrides) => {
    const body = aRequest(overrides);
    const fromPipe = await pipeRules(body);
    expect(fromPipe.length).toBeGreaterThan(0);
    expect([...fromPipe].sort()).toEqual([...serviceRules(body)].sort());
  });

  it('names the whole-request violations of the e2e test', async () => {
    const body = aRequest({
      creditors: [{ oin: PUBLIC_CREDITOR }, { oin: '123' }],
      pause: { start: '2026-03-02', end: '2026-12-02' },
    });
    (body.debtor as Record<string, unknown>).bsn = '111222334';
    expect((await pipeRules(body)).sort()).toEqual([
      'creditors[1].oin:oin',
      'debtor.bsn:bsn-11-proef',
      'pause.end:pause-max-8-months',
    ]);
  });
});
