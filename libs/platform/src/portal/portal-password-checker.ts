import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { PasswordChecker } from '../accounts/password-checker';

/** The portal's password checks, counted as `skp_portal_password_checks_total`. */
@Injectable()
export class PortalPasswordChecker extends PasswordChecker {
  constructor(registry: Registry) {
    super(registry, {
      name: 'skp_portal_password_checks_total',
      help: 'Portal password checks (scrypt) by result: match, mismatch, or decoy (unknown or disabled user)',
    });
  }
}
