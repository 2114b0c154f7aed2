import { BadRequestException } from '@nestjs/common';
import type { FieldViolation } from './acknowledgements/acknowledgement-rules';

/** The adapter's 400: every broken rule, each naming its field and rule; never echoes a value. */
export function badRequest(violations: FieldViolation[]): BadRequestException {
  const [first] = violations;
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: violations.map((v) => v.message).join('; '),
    field: first?.field,
    rule: first?.rule,
    violations,
  });
}
