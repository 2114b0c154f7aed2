export { AmqpClient } from './amqp/amqp-client';
export {
  BrokerManagement,
  BrokerManagementError,
  brokerUsernameOf,
  brokerVhostOf,
  generateBrokerPassword,
  partyBrokerPermissions,
  partyBrokerUsername,
  withBrokerCredentials,
} from './amqp/broker-management';
export type { BrokerCredentials, BrokerPermissions } from './amqp/broker-management';
export { DELIVERY_LIMIT, declarePartyQueue, workQueueArguments } from './amqp/topology';
export type { ConsumerSpec, Delivery, OutgoingMessage } from './amqp/amqp-client';
export { ConfigError, envFlag, loadEnv } from './config/env';
export { ensureDatabaseExists, openDatabase } from './database/database';
export { BearerTokenGuard, tokensMatch } from './http/bearer-token.guard';
export {
  configureHttpApp,
  createExpressInstance,
  loadAppEnv,
  runHttpApp,
  startHttpApp,
} from './http/bootstrap';
export {
  badField,
  badRequest,
  httpErrorBody,
  unsupportedMediaType,
  ValidationFailed,
  validationExceptionFactory,
  violationsOf,
} from './http/http-errors';
export type { FieldViolation, HttpErrorBody } from './http/http-errors';
export { FieldViolationDoc, HttpErrorDoc } from './http/http-error.docs';
export { isPublicRoute, Public, PUBLIC_ROUTE_KEY } from './http/public-route';
export { PageQueryDto } from './http/page-query.dto';
export { oddPathReason, refuseOddPaths } from './http/path-spelling';
export { CONTENT_SECURITY_POLICY, securityHeaders } from './http/security-headers';
export { loadStaticUi, SHARED_UI_FOLDER, staticUiController } from './http/static-ui';
export {
  DEMO_SECRETS,
  isProduction,
  MIN_PRODUCTION_SECRET_LENGTH,
  productionConfigProblems,
} from './config/production-rules';
export type { ProductionApp } from './config/production-rules';
export type { HttpAppOptions } from './http/bootstrap';
export { AllExceptionsFilter } from './http/exception.filter';
export { createRootLogger, LOG_LEVELS, PinoNestLogger, REDACTED_PATHS } from './logging/logger';
export type { LoggingEnv, LogLevel } from './logging/logger';
export { OUTBOX_TABLE_DDL, OutboxEntry } from './outbox/outbox-entry.entity';
export { enqueueOutbox, outboxColumnArrays, OutboxRelay } from './outbox/outbox';
export type { OutboxMessage, StoredContentLoader } from './outbox/outbox';
export { DEFAULT_OUTBOX_GRACE_MS, PublishAfterCommit } from './outbox/publish-after-commit';
export type { EnqueuedPublishes } from './outbox/publish-after-commit';
export { WakeSignal } from './jobs/wake-signal';
export { RepeatingJob } from './jobs/repeating-job';
export { PlatformModule } from './platform.module';
export { HealthController, MetricsController } from './health/health.controller';
export { InjectLogger, LOGGER } from './platform.tokens';
export type { Logger, PlatformOptions } from './platform.module';
export { PartyMessaging, RECEIVED_MESSAGE_TABLE_DDL } from './party/party-messaging';
export type { InboxHandler, PartyMessagingDeps } from './party/party-messaging';
export type { InboxBatchHandler } from './party/inbox-batcher';
export { providePartyMessaging } from './party/party-messaging.provider';
export { AppEnv } from './config/app-env';
export { OinRule, PartyIdentityEnv } from './config/party-identity.env';
export { TrustEnv } from './config/trust.env';
export { DatabaseGate, isTransientDatabaseError } from './resilience/database-gate';
export type { DependencyState } from './resilience/database-gate';
export { CsvSyntaxError, detectSeparator, parseCsv } from './csv/csv-parser';
export type { CsvDocument, CsvRecord } from './csv/csv-parser';
export {
  decoyHash,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  MIN_PRODUCTION_PASSWORD_LENGTH,
  passwordRuleProblem,
  verifyPassword,
} from './auth/password';
export {
  LoginRateLimiter,
  tooManyLoginsException,
  tooManyRequestsException,
} from './auth/login-rate-limiter';
export type { AccountRecord, AccountSession, AccountTables } from './accounts/account';
export type { AccountAuditEntry, AccountAuditSink } from './accounts/account-audit';
export { AccountAuth, hashSessionToken } from './accounts/account-auth';
export type { AccountAuthOptions, LoginResult } from './accounts/account-auth';
export { LOCKOUT_MS, LOCKOUT_THRESHOLD } from './accounts/account-errors';
export { AccountsRepository, updatedRows } from './accounts/accounts.repository';
export { ensureFirstAccount } from './accounts/first-account';
export { bearerTokenOf, principalSlot } from './accounts/request-principal';
export { PasswordChecker } from './accounts/password-checker';
export type { PasswordCheckMetric } from './accounts/password-checker';
export { LoginDto } from './accounts/dto/login.dto';
export { ChangePasswordDto } from './accounts/dto/change-password.dto';
export { AuditPageQueryDto, auditPage } from './accounts/dto/audit-page-query.dto';
export { rateLimitedLogin } from './accounts/rate-limited-login';
export { createPortalTables, dropPortalTables, PortalUsers1765200000000 } from './portal/portal.migration';
export { PortalModule } from './portal/portal.module';
export type { PortalOptions } from './portal/portal.options';
export { PORTAL_OPTIONS } from './portal/portal.options';
export {
  CurrentPrincipal,
  PortalAuditedRead,
  PortalEditorOnly,
  PortalRead,
  portalPrincipalOf,
} from './portal/portal-access';
export { PORTAL_AUTHENTICATOR, PortalAwareGuard } from './portal/portal-aware.guard';
export type { PortalAuthenticator } from './portal/portal-aware.guard';
export { PortalAuthService } from './portal/portal-auth.service';
export { PortalUsersService, PortalUserError } from './portal/portal-users.service';
export { PortalAudit } from './portal/portal-audit';
export { PORTAL_ROLES, isPortalRole } from './portal/portal-user';
export type { PortalPrincipal, PortalRole, PortalUserRecord } from './portal/portal-user';
export {
  CliUsageError,
  PORTAL_USER_USAGE,
  portalUserCommand,
  readPortalPassword,
} from './portal/portal-user-cli';
export type { PortalCliContext } from './portal/portal-user-cli';
export { parseCliArgs, runPortalCli } from './portal/portal-cli';
export type { PortalCliSpec } from './portal/portal-cli';
export { PortalEnv, portalOptionsFrom } from './portal/portal-env';
export { portalAppModules } from './portal/portal-app';
export type { PortalAppSpec } from './portal/portal-app';
