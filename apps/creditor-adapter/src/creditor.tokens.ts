/** Injection tokens of the creditor adapter's own configuration values. */
export const CREDITOR_ENV = Symbol('CREDITOR_ENV');
/** the resolved policy (flags parsed), see CreditorPolicy */
export const CREDITOR_POLICY = Symbol('CREDITOR_POLICY');
