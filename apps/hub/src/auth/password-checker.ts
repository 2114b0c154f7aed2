import { Injectable } from '@nestjs/common';
import { PasswordChecker } from '@skp/platform';
import { Registry } from 'prom-client';

/** The hub's operator password checks, counted as `skp_hub_password_checks_total`. */
@Injectable()
export class OperatorPasswordChecker extends PasswordChecker {
  constructor(registry: Registry) {
    super(registry, {
      name: 'skp_hub_password_checks_total',
      help: 'Operator password checks (scrypt) by result: match, mismatch, or decoy (unknown or disabled operator)',
    });
  }
}
