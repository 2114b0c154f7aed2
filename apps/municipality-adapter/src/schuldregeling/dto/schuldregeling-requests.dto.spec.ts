import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { ValidationFailed, validationExceptionFactory } from '@skp/platform';
import { EndRequestDto, ProposalRequestDto, SubmitSchuldregelingDto } from './schuldregeling-requests.dto';

const pipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationExceptionFactory(),
});

async function rules(metatype: new () => object, body: unknown): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
    return [];
  } catch (error) {
    return (error as ValidationFailed).violations.map((v) => `${v.field}:${v.rule}`);
  }
}

const aRequest = (overrides: Record<string, unknown> = {}) => ({
  caseReference: 'SR-2026-001',
  debtor: {
    bsn: '111222333',
    givenNames: 'Jan',
    surname: 'Vries',
    birthDate: '1980-05-17',
    address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521 az', city: 'Utrecht' },
  },
  creditors: [{ oin: '00000003123456780000' }],
  ...overrides,
});

describe('SubmitSchuldregelingDto', () => {
  it('takes a complete request, collective optional', async () => {
    expect(await rules(SubmitSchuldregelingDto, aRequest())).toEqual([]);
    expect(await rules(SubmitSchuldregelingDto, aRequest({ collective: false }))).toEqual([]);
  });

  it('names the field and rule of what is wrong', async () => {
    expect(await rules(SubmitSchuldregelingDto, aRequest({ collective: 'yes' }))).toEqual([
      'collective:boolean',
    ]);
    expect(await rules(SubmitSchuldregelingDto, aRequest({ creditors: [] }))).toEqual([
      'creditors:at-least-one',
    ]);
    expect(await rules(SubmitSchuldregelingDto, aRequest({ creditors: [{ oin: '123' }] }))).toEqual([
      'creditors[0].oin:oin',
    ]);
    const { debtor, ...noDebtor } = aRequest();
    expect(debtor).toBeDefined();
    expect(await rules(SubmitSchuldregelingDto, noDebtor)).toEqual(['debtor:required']);
    expect(await rules(SubmitSchuldregelingDto, aRequest({ admissionDate: '2026-03-01' }))).toEqual([
      'admissionDate:unknown-field',
    ]);
  });
});

describe('ProposalRequestDto', () => {
  it('checks the percentage, the amount and the term', async () => {
    expect(
      await rules(ProposalRequestDto, { arrangementType: 'SCHULDBEMIDDELING', payoutPercentage: '45.67' }),
    ).toEqual([]);
    expect(
      await rules(ProposalRequestDto, { arrangementType: 'SCHULDBEMIDDELING', payoutPercentage: '45.6' }),
    ).toEqual(['payoutPercentage:payout-percentage']);
    expect(
      await rules(ProposalRequestDto, { arrangementType: 'X', availableCents: -1, termMonths: 37 }),
    ).toEqual(['arrangementType:one-of', 'availableCents:minimum-0', 'termMonths:maximum-36']);
  });
});

describe('EndRequestDto', () => {
  it('needs a known reason', async () => {
    expect(await rules(EndRequestDto, { reason: 'COMPLETED', paidAmountCents: 1000 })).toEqual([]);
    expect(await rules(EndRequestDto, {})).toEqual(['reason:required']);
  });
});
