import { projectorConfigFrom } from './config';

describe('projectorConfigFrom', () => {
  const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test' };

  it('applies the defaults every process shares: the read models beside the deployment schema', () => {
    expect(projectorConfigFrom(base)).toEqual({
      databaseUrl: base.DATABASE_URL, schema: 'recon_read', brokers: ['127.0.0.1:19092'], topic: 'recon.events.v1', groupId: 'recon-projector', sessionTimeoutMs: 10000,
    });
  });

  it('reads DATABASE_SCHEMA as the deployment schema, as the API does', () => {
    expect(projectorConfigFrom({ ...base, DATABASE_SCHEMA: 'acme' }).schema).toBe('acme_read');
  });

  it('takes the consumer tuning settings when given', () => {
    expect(projectorConfigFrom({ ...base, PROJECTOR_MAX_EVENTS_PER_TRANSACTION: '50', KAFKA_MAX_BYTES_PER_PARTITION: '16384' }))
      .toMatchObject({ maxEventsPerTransaction: 50, maxBytesPerPartition: 16384 });
  });

  it.each([
    [{}, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ ...base, DATABASE_SCHEMA: 'Bad-Schema' }, 'DATABASE_SCHEMA'],
    [{ ...base, KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS'],
    [{ ...base, KAFKA_TOPIC: 'a topic' }, 'KAFKA_TOPIC'],
    [{ ...base, KAFKA_GROUP: 'a group' }, 'KAFKA_GROUP'],
    [{ ...base, KAFKA_SESSION_TIMEOUT_MS: '5s' }, 'KAFKA_SESSION_TIMEOUT_MS'],
    [{ ...base, PROJECTOR_MAX_EVENTS_PER_TRANSACTION: '0' }, 'PROJECTOR_MAX_EVENTS_PER_TRANSACTION'],
    [{ ...base, KAFKA_MAX_BYTES_PER_PARTITION: '1MiB' }, 'KAFKA_MAX_BYTES_PER_PARTITION'],
  ])('names the variable that is wrong: %j', (env, variable) => {
    expect(() => projectorConfigFrom(env)).toThrow(new RegExp(`\\n  - ${variable}[ :]`));
  });
});
