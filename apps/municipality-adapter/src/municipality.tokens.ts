/** Injection tokens of the municipality adapter's own configuration values. */
export const MUNICIPALITY_ENV = Symbol('MUNICIPALITY_ENV');
export const MUNICIPALITY_AMQP_NAMES = Symbol('MUNICIPALITY_AMQP_NAMES');
export const SUBMISSION_CONTEXT = Symbol('SUBMISSION_CONTEXT');
