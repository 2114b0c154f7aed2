import type { AccountSession } from '@skp/platform';
import type { OperatorRole } from './roles.decorator';

/** Who is making an API request: set on the request by the operator guard. */
export type AuthenticatedOperator = AccountSession<OperatorRole>;
