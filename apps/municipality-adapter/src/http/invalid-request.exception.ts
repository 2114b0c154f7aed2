import { BadRequestException } from '@nestjs/common';
import type { FieldViolation } from '../kennisgeving/field-violation';

/** 400 listing every broken rule by field path; never echoes a submitted value. */
export class InvalidRequestException extends BadRequestException {
  constructor(readonly violations: FieldViolation[]) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      message: 'the request breaks one or more rules',
      violations,
    });
  }
}
