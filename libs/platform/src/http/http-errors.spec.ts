import 'reflect-metadata';
import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Min, ValidateNested } from 'class-validator';
import {
  badField,
  badRequest,
  unsupportedMediaType,
  ValidationFailed,
  validationExceptionFactory,
} from './http-errors';

class Address {
  @Matches(/^\d{4}[A-Z]{2}$/) postcode!: string;
  @IsInt() @Min(1) houseNumber!: number;
}

class Creditor {
  @IsString() oin!: string;
}

class Submission {
  @ValidateNested() @Type(() => Address) address!: Address;
  @ValidateNested({ each: true }) @Type(() => Creditor) creditors!: Creditor[];
}

const pipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationExceptionFactory((rule) => (rule === 'min' ? 'must be at least 1' : undefined)),
});
const asBody: ArgumentMetadata = { type: 'body', metatype: Submission };

async function refusalOf(body: unknown): Promise<ValidationFailed> {
  try {
    await pipe.transform(body, asBody);
  } catch (error) {
    return error as ValidationFailed;
  }
  throw new Error('the pipe accepted the body');
}

describe('the ValidationPipe exceptionFactory', () => {
  it('answers the common 400 body with nested paths, list indexes and constraint names', async () => {
    const refusal = await refusalOf({
      address: { postcode: '12', houseNumber: 0 },
      creditors: [{ oin: 'x' }, { oin: 7 }],
    });
    expect(refusal).toBeInstanceOf(ValidationFailed);
    expect(refusal.getStatus()).toBe(400);
    expect(refusal.getResponse()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('address.postcode '),
      violations: [
        {
          field: 'address.postcode',
          rule: 'matches',
          message: expect.stringMatching(/^address\.postcode must match/),
        },
        { field: 'address.houseNumber', rule: 'min', message: 'address.houseNumber must be at least 1' },
        { field: 'creditors[1].oin', rule: 'isString', message: 'creditors[1].oin must be a string' },
      ],
    });
  });

  it('names an unknown field as unknown-field, at any depth, without its value', async () => {
    const refusal = await refusalOf({
      address: { postcode: '1234AB', houseNumber: 1, secret: '111222333' },
      creditors: [],
      extra: true,
    });
    const { violations } = refusal.getResponse() as { violations: { field: string; rule: string }[] };
    expect(violations.map((v) => `${v.field}:${v.rule}`).sort()).toEqual([
      'address.secret:unknown-field',
      'extra:unknown-field',
    ]);
    expect(JSON.stringify(refusal.getResponse())).not.toContain('111222333');
  });

  it('reports only the missing object, not every rule its absence breaks', async () => {
    const refusal = await refusalOf({ address: 'Stadsplateau 1', creditors: [] });
    expect((refusal.getResponse() as { violations: unknown[] }).violations).toEqual([
      expect.objectContaining({ field: 'address', rule: 'object' }),
    ]);
  });
});

describe('hand-made refusals', () => {
  it('badRequest lists every violation and sums them up in message', () => {
    const refusal = badRequest([
      { field: 'debtor.bsn', rule: 'bsn-11-proef', message: 'debtor.bsn is not a valid BSN' },
      { field: 'pause.end', rule: 'pause-max-8-months', message: 'pause.end is too late' },
    ]);
    expect(refusal.getStatus()).toBe(400);
    expect(refusal.getResponse()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'debtor.bsn is not a valid BSN; pause.end is too late',
      violations: refusal.violations,
    });
  });

  it('badField is a 400 for one field with the caller’s own text', () => {
    expect(badField('sha256', 'sha256-hex', 'sha256 must be hex').getResponse()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'sha256 must be hex',
      violations: [{ field: 'sha256', rule: 'sha256-hex', message: 'sha256 must be hex' }],
    });
  });

  it('a 415 has the same shape, with no field at fault', () => {
    const refusal = unsupportedMediaType('content type must be text/csv');
    expect(refusal.getStatus()).toBe(415);
    expect(refusal.getResponse()).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'content type must be text/csv',
      violations: [],
    });
  });
});
