import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../access/roles.decorator';
import { CONSOLE_SECURITY_HEADERS, ConsoleAsset, loadConsoleAssets } from './console-assets';

/**
 * Serves the hub console: a few static files (HTML, JavaScript modules, CSS) that talk to the
 * operator API with the operator's bearer token. The files hold no data; the API enforces access.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleController {
  private readonly assets = loadConsoleAssets();

  @Get()
  index(@Res() response: Response): void {
    this.send(response, this.assets.get('index.html'));
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    this.send(response, file === 'index.html' ? undefined : this.assets.get(file));
  }

  private send(response: Response, asset: ConsoleAsset | undefined): void {
    if (!asset) {
      throw new NotFoundException({ statusCode: 404, message: 'not found' });
    }
    response.set({ ...CONSOLE_SECURITY_HEADERS, 'Content-Type': asset.type }).send(asset.body);
  }
}
