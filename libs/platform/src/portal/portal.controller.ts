import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditPage } from '../accounts/dto/audit-page-query.dto';
import { ChangePasswordDto } from '../accounts/dto/change-password.dto';
import { LoginDto } from '../accounts/dto/login.dto';
import { rateLimitedLogin } from '../accounts/rate-limited-login';
import { bearerTokenOf } from '../accounts/request-principal';
import { Public } from '../http/public-route';
import { PortalAuditQueryDto } from './dto/portal-audit-query.dto';
import { CurrentPrincipal, PortalEditorOnly, PortalSelfAudited, PortalSelfService } from './portal-access';
import { PortalAudit } from './portal-audit';
import { PortalAuthService } from './portal-auth.service';
import { forbidden } from './portal-errors';
import type { PortalPrincipal } from './portal-user';

/** Login, logout, own password and the audit of the adapter's portal users. */
@ApiTags('portal')
@Controller('portal')
export class PortalController {
  constructor(
    private readonly auth: PortalAuthService,
    private readonly audit: PortalAudit,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in a portal user; the token goes in Authorization: Bearer' })
  @ApiResponse({ status: 423, description: 'account locked after 5 failed attempts (lockedUntil)' })
  @ApiResponse({ status: 429, description: 'too many attempts from this client address (Retry-After)' })
  login(@Body() dto: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return rateLimitedLogin(this.auth, dto, request, response);
  }

  @ApiBearerAuth()
  @PortalSelfService()
  @PortalSelfAudited()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: Request, @CurrentPrincipal() principal: PortalPrincipal): Promise<void> {
    // the API token has no session to end
    if (principal.kind === 'user') {
      await this.auth.logout(bearerTokenOf(request) ?? '', principal);
    }
  }

  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your own password',
    description:
      'Needs the current password (a wrong one counts towards the lockout). Every other session of the user ends; this one stays.',
  })
  @PortalSelfService()
  @PortalSelfAudited()
  @Post('password')
  @HttpCode(200)
  changePassword(
    @Req() request: Request,
    @Body() dto: ChangePasswordDto,
    @CurrentPrincipal() principal: PortalPrincipal,
  ) {
    if (principal.kind !== 'user') {
      throw forbidden('requires a portal user session');
    }
    return this.auth.changePassword(
      principal,
      bearerTokenOf(request) ?? '',
      dto.currentPassword,
      dto.newPassword,
    );
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentPrincipal() principal: PortalPrincipal) {
    return principal.kind === 'user'
      ? {
          username: principal.username,
          role: principal.role,
          expiresAt: principal.sessionExpiresAt.toISOString(),
          kind: 'user',
        }
      : { username: null, role: principal.role, expiresAt: null, kind: 'api' };
  }

  @ApiBearerAuth()
  @ApiOperation({ summary: 'The portal audit, newest first (editors only)' })
  @PortalEditorOnly()
  @Get('audit')
  list(@Query() query: PortalAuditQueryDto) {
    return auditPage(
      query,
      (before, limit) => this.audit.list({ username: query.username, before, limit }),
      (r) => ({
        id: r.id,
        at: r.at.toISOString(),
        username: r.username,
        kind: r.kind,
        action: r.action,
        target: r.target,
        status: r.status,
        detail: r.detail,
      }),
    );
  }
}
