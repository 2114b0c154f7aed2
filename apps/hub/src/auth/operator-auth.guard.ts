import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthService } from './auth.service';
import { attachOperator } from './current-operator.decorator';
import { OperatorRole, PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

export function bearerTokenOf(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/**
 * The hub's one global guard. Every route under /api needs an operator session unless marked
 * @Public(); @Roles() narrows it further. Routes outside /api (health, metrics, docs, the console
 * files) are public by design.
 */
@Injectable()
export class OperatorAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic || !isApiPath(request.path)) {
      return true;
    }
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

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
