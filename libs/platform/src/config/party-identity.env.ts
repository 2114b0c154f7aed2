import {
  IsOptional,
  IsString,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { PartyIdentitySettings } from '@skp/crypto';
import { isValidOin } from '@skp/messages';
import { TrustEnv } from './trust.env';

/** An OIN by the rules of DESIGN §2 (20 digits, known prefix, its suffix rule). */
@ValidatorConstraint({ name: 'oin' })
export class OinRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isValidOin(value);
  }
  defaultMessage(args: ValidationArguments): string {
    return args.value === undefined
      ? 'is required: an OIN of 20 digits'
      : 'must be a valid OIN (20 digits, known prefix and suffix rule)';
  }
}

const IDENTITY_RULE =
  'PARTY_CERT and PARTY_KEY (PEM paths or inline PEM), or PARTY_P12 and PARTY_P12_PASSWORD';
const withoutP12 = (env: PartyIdentityEnv): boolean => env.PARTY_P12 === undefined;

/** The party's own signing identity (DESIGN §4), on top of the trust settings. */
export class PartyIdentityEnv extends TrustEnv implements PartyIdentitySettings {
  /**
   * An app that must know its OIN before it reads its certificate sets this; the OIN, when set,
   * must match the certificate (checked when the identity is loaded).
   */
  static readonly PARTY_OIN_REQUIRED: boolean = false;

  @ValidateIf(
    (env: PartyIdentityEnv) =>
      env.PARTY_OIN !== undefined || (env.constructor as typeof PartyIdentityEnv).PARTY_OIN_REQUIRED,
  )
  @Validate(OinRule)
  PARTY_OIN?: string;

  @ValidateIf(withoutP12)
  @IsString({ message: `PARTY_CERT is required: set ${IDENTITY_RULE}` })
  PARTY_CERT?: string;

  @ValidateIf(withoutP12)
  @IsString({ message: `PARTY_KEY is required: set ${IDENTITY_RULE}` })
  PARTY_KEY?: string;

  @IsOptional()
  @IsString()
  PARTY_P12?: string;

  @ValidateIf((env: PartyIdentityEnv) => !withoutP12(env))
  @IsString({ message: 'PARTY_P12_PASSWORD is required with PARTY_P12' })
  PARTY_P12_PASSWORD?: string;
}
