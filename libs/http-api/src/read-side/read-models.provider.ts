import { ServiceUnavailableException } from '@nestjs/common';
import type { AsOfReplay } from '@recon/read-models';
import type { DataSource } from 'typeorm';

/** Where the query side reads: the read models the projector keeps (in process when embedded). */
export interface ReadModels {
  readonly dataSource: DataSource;
  readonly schema: string;
  /** Where an as-of question replays the events (a schema of its own, never the live read models). */
  readonly asOf?: AsOfReplay;
}

export const READ_MODELS = Symbol('READ_MODELS');

/** Queries need read models; an API started without them says so instead of answering wrongly. */
export function requireReadModels(readModels: ReadModels | undefined): ReadModels {
  if (!readModels) throw new ServiceUnavailableException('read models are not configured for this API instance (DATABASE_URL)');
  return readModels;
}
