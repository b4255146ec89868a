import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { Public } from '../auth/auth.decorators';

/** Liveness for load balancers and the start script; reveals nothing about the data. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Public()
  async health() {
    await this.store.streamVersion('$health-probe');
    return { status: 'ok' };
  }
}
