import { currentSchemaVersion, upcast } from '@recon/domain';
import { EventCodec } from './event-codec';

/** The domain's event catalogue as the codec: stored shapes are upcast to the current ones on read. */
export const domainEventCodec: EventCodec = {
  decode: (recorded) => upcast(recorded.type, recorded.schemaVersion, recorded.data),
  schemaVersion: (type) => currentSchemaVersion(type),
};
