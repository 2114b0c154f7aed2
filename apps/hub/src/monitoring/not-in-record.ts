import { NotFoundException } from '@nestjs/common';

/** The operator API's answer for a messageId the delivery record does not hold. */
export function notInRecord(messageId: string): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    message: `message ${messageId} is not in the delivery record`,
  });
}
