import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { bearerTokenOf, ChangePasswordDto, LoginDto, rateLimitedLogin } from '@skp/platform';
import type { Request, Response } from 'express';
import { AuditAction, AuditedByHandler } from '../audit/audit.decorator-keys';
import type { AuthenticatedOperator } from '../access/authenticated-operator';
import { AuthService } from './auth.service';
import { CurrentOperator } from '../access/current-operator.decorator';
import { Public } from '../access/roles.decorator';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiResponse({ status: 423, description: 'account locked after 5 failed attempts' })
  @ApiResponse({ status: 429, description: 'too many attempts from this client address (Retry-After)' })
  login(@Body() dto: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return rateLimitedLogin(this.auth, dto, request, response);
  }

  @ApiBearerAuth()
  @AuditAction('auth.logout')
  @AuditedByHandler()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: Request, @CurrentOperator() operator: AuthenticatedOperator): Promise<void> {
    await this.auth.logout(bearerTokenOf(request) ?? '', operator);
  }

  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your own password',
    description:
      'Needs the current password (a wrong one counts towards the lockout). Every other session of the operator ends; this one stays.',
  })
  @AuditAction('auth.password_changed')
  @AuditedByHandler()
  @Post('password')
  @HttpCode(200)
  changePassword(
    @Req() request: Request,
    @Body() dto: ChangePasswordDto,
    @CurrentOperator() operator: AuthenticatedOperator,
  ) {
    return this.auth.changePassword(
      operator,
      bearerTokenOf(request) ?? '',
      dto.currentPassword,
      dto.newPassword,
    );
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentOperator() operator: AuthenticatedOperator) {
    return {
      username: operator.username,
      role: operator.role,
      expiresAt: operator.sessionExpiresAt.toISOString(),
    };
  }
}
