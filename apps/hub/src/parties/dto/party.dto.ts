import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  PARTY_KINDS,
  PARTY_STATUSES,
  Party,
  PartyCertificate,
  PartyKind,
  PartyStatus,
} from '../party.entity';

/** The gemeentecodes a MUNICIPALITY party serves, with their rules, as registering and updating take them. */
function Gemeentecodes(): PropertyDecorator {
  // in the order TypeScript applies stacked decorators (bottom first), so violations keep their order
  return applyDecorators(
    Matches(/^\d{4}$/, { each: true, message: 'gemeentecodes must each be a 4-digit CBS gemeentecode' }),
    ArrayMaxSize(50),
    IsArray(),
    IsOptional(),
    ApiPropertyOptional({
      type: [String],
      example: ['0344'],
      description:
        'MUNICIPALITY only: the 4-digit CBS gemeentecodes it serves (the Pauzeknop page matches on them)',
    }),
  );
}

export class RegisterPartyDto {
  @ApiProperty({ example: '00000001002220647000' })
  @Matches(/^\d{20}$/, { message: 'oin must be 20 digits' })
  oin!: string;

  @ApiProperty({ example: 'Gemeente Utrecht' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: PARTY_KINDS })
  @IsIn(PARTY_KINDS, { message: `kind must be one of ${PARTY_KINDS.join(', ')}` })
  kind!: PartyKind;

  @ApiProperty()
  @IsBoolean()
  bsnAllowed!: boolean;

  @ApiProperty({ description: 'PEM signing certificate; subject serialNumber = the OIN' })
  @IsString()
  @IsNotEmpty()
  certificatePem!: string;

  @Gemeentecodes()
  gemeentecodes?: string[];
}

export class UpdatePartyDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: PARTY_STATUSES })
  @IsOptional()
  @IsIn(PARTY_STATUSES, { message: `status must be one of ${PARTY_STATUSES.join(', ')}` })
  status?: PartyStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  bsnAllowed?: boolean;

  @Gemeentecodes()
  gemeentecodes?: string[];
}

export class AddCertificateDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  certificatePem!: string;
}

const EXPIRY_WARNING_DAYS = 30;

export function toCertificateView(c: PartyCertificate, now = new Date()) {
  const daysLeft = Math.floor((c.notAfter.getTime() - now.getTime()) / 86_400_000);
  return {
    sha256: c.sha256,
    subject: c.subject,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    addedAt: c.addedAt.toISOString(),
    expired: daysLeft < 0,
    expiresSoon: daysLeft >= 0 && daysLeft <= EXPIRY_WARNING_DAYS,
  };
}

export function toPartyView(p: Party, certificates?: PartyCertificate[]) {
  return {
    oin: p.oin,
    name: p.name,
    kind: p.kind,
    bsnAllowed: p.bsnAllowed,
    gemeentecodes: p.gemeentecodes ?? [],
    status: p.status,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    brokerUsername: p.brokerUsername ?? null,
    brokerCredentialsIssuedAt: p.brokerCredentialsIssuedAt?.toISOString() ?? null,
    ...(certificates ? { certificates: certificates.map((c) => toCertificateView(c)) } : {}),
  };
}
