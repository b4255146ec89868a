import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Response } from 'express';
import { map, Observable } from 'rxjs';

/**
 * On a route that writes at once unless the write needs four eyes (a trade correcting a sealed
 * period): a recorded proposal answers 202 Accepted, as every four-eyes route does.
 */
@Injectable()
export class ProposalStatusInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        if (body && typeof body === 'object' && 'changeId' in body && 'status' in body && body.status === 'PENDING') context.switchToHttp().getResponse<Response>().status(202);
        return body;
      }),
    );
  }
}
