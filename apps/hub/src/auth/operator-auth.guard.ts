import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { bearerTokenOf, isPublicRoute } from '@skp/platform';
import type { Request } from 'express';
import { auditActionOf } from '../audit/audit.decorator-keys';
import { markRefusedAction } from '../audit/request-marks';
import { AuthService } from './auth.service';
import { attachOperator } from '../access/current-operator.decorator';
import { OperatorRole, ROLES_KEY } from '../access/roles.decorator';

/**
 * The hub's one global guard, deny by default: every route needs an operator session unless its
 * handler or controller is marked @Public() (login, health, metrics, the console files); @Roles()
 * narrows it further. It decides by the route's metadata, never by the text of the path.
 */
@Injectable()
export class OperatorAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || isPublicRoute(this.reflector, context)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    // A refusal below is audited (RefusalAudit) under the action of the route it was aimed at.
    markRefusedAction(request, auditActionOf(this.reflector, context));
    const token = bearerTokenOf(request);
    const operator = token ? await this.auth.authenticate(token) : null;
    if (!operator) {
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message: token
          ? 'session expired or unknown; log in again'
          : 'operator login required (Authorization: Bearer <token>)',
      });
    }
    attachOperator(request, operator);
    const roles = this.reflector.getAllAndOverride<OperatorRole[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && roles.length > 0 && !roles.includes(operator.role)) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `requires role ${roles.join(' or ')}`,
      });
    }
    return true;
  }
}
