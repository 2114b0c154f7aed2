import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuditAction, AuditedByHandler } from '../audit/audit.decorator-keys';
import type { AuthenticatedOperator } from '../operators/operator';
import { AuthService } from './auth.service';
import { CurrentOperator } from './current-operator.decorator';
import { LoginDto } from './dto/login.dto';
import { bearerTokenOf } from './operator-auth.guard';
import { Public } from './roles.decorator';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
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
  @Get('me')
  me(@CurrentOperator() operator: AuthenticatedOperator) {
    return {
      username: operator.username,
      role: operator.role,
      expiresAt: operator.sessionExpiresAt.toISOString(),
    };
  }
}
