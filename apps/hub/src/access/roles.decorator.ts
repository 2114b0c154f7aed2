import { SetMetadata } from '@nestjs/common';
import { Public, PUBLIC_ROUTE_KEY } from '@skp/platform';

export const OPERATOR_ROLES = ['viewer', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export const ROLES_KEY = 'skp:roles';
export const PUBLIC_KEY = PUBLIC_ROUTE_KEY;

/** Restricts a handler to operators with one of these roles (any logged-in operator otherwise). */
export const Roles = (...roles: OperatorRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

/** Marks a handler that needs no operator login (login itself, health, metrics, the console files). */
export { Public };
