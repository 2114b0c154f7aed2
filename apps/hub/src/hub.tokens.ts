/** Injection tokens of the hub's own configuration values. */
export const HUB_AMQP_NAMES = Symbol('HUB_AMQP_NAMES');
export const HUB_ENV = Symbol('HUB_ENV');
