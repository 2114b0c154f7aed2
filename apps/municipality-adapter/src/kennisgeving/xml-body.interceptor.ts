import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { badRequest } from '@skp/platform';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { requireBodyKind, textOf } from '../http/request-body';
import { fieldViolation } from './field-violation';
import { isObject } from './submission-body';
import { parseXmlRequest } from './xml-request';

/**
 * JSON or the XML form of a submission: XML becomes the same object a JSON request would be, so
 * the ValidationPipe and the controller see one typed body whatever the media type.
 */
@Injectable()
export class SubmissionBodyInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    if (requireBodyKind(request, ['json', 'xml']) === 'xml') {
      const parsed = await parseXmlRequest(textOf(request.body));
      if (!parsed.ok) {
        throw badRequest(parsed.violations);
      }
      request.body = parsed.request;
    }
    if (!isObject(request.body)) {
      throw badRequest([fieldViolation('', 'not-an-object')]);
    }
    return next.handle();
  }
}
