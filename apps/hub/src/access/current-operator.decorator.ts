import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { principalSlot } from '@skp/platform';
import type { Request } from 'express';
import type { AuthenticatedOperator } from './authenticated-operator';

const operators = principalSlot<AuthenticatedOperator>();

export const attachOperator = operators.attach;
export const operatorOf = operators.of;

/** The operator the guard authenticated for this request. */
export const CurrentOperator = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedOperator => {
    const operator = operatorOf(context.switchToHttp().getRequest<Request>());
    if (!operator) {
      throw new Error('CurrentOperator used on a handler without operator authentication');
    }
    return operator;
  },
);
