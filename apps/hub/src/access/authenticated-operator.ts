import type { OperatorRole } from './roles.decorator';

/** Who is making an API request: set on the request by the operator guard. */
export interface AuthenticatedOperator {
  id: string;
  username: string;
  role: OperatorRole;
  sessionExpiresAt: Date;
}
