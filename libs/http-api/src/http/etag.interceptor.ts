import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Response } from 'express';
import { map, Observable } from 'rxjs';
import { etagOf } from './if-match';

/** A command's answer carries the stream's new revision; the ETag header repeats it for If-Match. */
@Injectable()
export class CommandEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        if (body && typeof body === 'object' && 'streamId' in body && 'version' in body && typeof body.version === 'number') {
          context.switchToHttp().getResponse<Response>().setHeader('ETag', etagOf(body.version));
        }
        return body;
      }),
    );
  }
}
