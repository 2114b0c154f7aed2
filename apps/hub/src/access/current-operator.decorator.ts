import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedOperator } from './authenticated-operator';

const OPERATOR = Symbol('skp:operator');

type WithOperator = Request & { [OPERATOR]?: AuthenticatedOperator };

export function attachOperator(request: Request, operator: AuthenticatedOperator): void {
  (request as WithOperator)[OPERATOR] = operator;
}

export function operatorOf(request: Request): AuthenticatedOperator | undefined {
  return (request as WithOperator)[OPERATOR];
}

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
