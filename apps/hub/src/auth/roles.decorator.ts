import { SetMetadata } from '@nestjs/common';

export const OPERATOR_ROLES = ['viewer', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export const ROLES_KEY = 'skp:roles';
export const PUBLIC_KEY = 'skp:public';

/** Restricts a handler to operators with one of these roles (any logged-in operator otherwise). */
export const Roles = (...roles: OperatorRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

/** Marks a handler that needs no operator login (login itself, health, metrics, the console files). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);
