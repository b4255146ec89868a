import { InvalidSettingsError, loadSettings, readModelSchemaOf } from './settings';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return error.problems;
    throw error;
  }
  throw new Error('settings were accepted');
};

describe('Settings', () => {
  describe('When nothing is set', () => {
    it('should select the embedded default: PGlite, port 3000, demo seeded', () => {
      expect(loadSettings({})).toMatchObject({ RECON_MODE: 'embedded', EVENT_STORE: 'pglite', PORT: 3000, RECON_SEED_DEMO: 'true' });
    });
  });

  describe('When a value is malformed', () => {
    it.each([
      [{ PORT: 'eighty' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE'],
      [{ RECON_MODE: 'prod' }, 'RECON_MODE'],
      [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
      [{ EVENTSTORE_CONNECTION_STRING: 'http://x' }, 'EVENTSTORE_CONNECTION_STRING'],
      [{ RECON_API_KEYS: 'short:operator:alice' }, 'RECON_API_KEYS'],
      [{ RECON_API_KEYS: 'a-long-enough-key-123:janitor:alice' }, 'RECON_API_KEYS'],
      [{ RECON_JWT_SECRET: 'too-short' }, 'RECON_JWT_SECRET'],
      [{ DATABASE_SCHEMA: 'Robert"); drop' }, 'DATABASE_SCHEMA'],
    ])('should refuse %j with a message naming %s', (env, variable) => {
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${variable}`));
    });
  });

  describe('When production is selected', () => {
    it('should refuse embedded parts and the lack of real credentials, naming each setting', () => {
      const problems = problemsOf({ RECON_MODE: 'production' });
      expect(problems.join('\n')).toMatch(/^EVENT_STORE: pglite is for embedded mode/m);
      expect(problems.join('\n')).toMatch(/^DATABASE_URL is required in production/m);
      expect(problems.join('\n')).toMatch(/^RECON_API_KEYS or RECON_JWT_SECRET is required/m);
    });

    it('should require the EventStoreDB connection string when EventStoreDB is selected', () => {
      expect(problemsOf({ RECON_MODE: 'production', EVENT_STORE: 'eventstoredb', DATABASE_URL: 'postgres://db/recon', RECON_JWT_SECRET: 'x'.repeat(32) })).toEqual([
        'EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb',
      ]);
    });

    it('should accept a complete production configuration', () => {
      const settings = loadSettings({
        RECON_MODE: 'production',
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://es:2113?tls=false',
        DATABASE_URL: 'postgres://recon@db:5432/recon',
        RECON_API_KEYS: 'a-long-enough-key-123:operator:alice,another-long-key-456:approver:bob',
      });
      expect(settings.EVENT_STORE).toBe('eventstoredb');
    });
  });
  describe('When one module serves every process', () => {
    it('should say a number setting given text is not a number, naming it', () => {
      expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT: not a number (got "abc"); expected a whole number']);
      expect(problemsOf({ RELAY_BATCH_SIZE: '1e3' })).toEqual(['RELAY_BATCH_SIZE: not a number (got "1e3"); expected a whole number']);
    });

    it('should give the relay, projector and chain watcher the same defaults', () => {
      expect(loadSettings({})).toMatchObject({
        DATABASE_SCHEMA: 'recon', KAFKA_BROKERS: '127.0.0.1:19092', KAFKA_TOPIC: 'recon.events.v1', KAFKA_TOPIC_PARTITIONS: 6, KAFKA_GROUP: 'recon-projector',
        RELAY_NAME: 'relay', RELAY_BATCH_SIZE: 500, RELAY_LINGER_MS: 5, CHAIN_POLL_MS: 2000, CHAIN_CONCURRENCY: 4,
      });
      expect(readModelSchemaOf(loadSettings({ DATABASE_SCHEMA: 'acme' }))).toBe('acme_read');
    });

    it('should refuse names earlier versions read, naming the one that replaced each', () => {
      expect(problemsOf({ EVENT_STORE_SCHEMA: 'event_store' })).toEqual(['EVENT_STORE_SCHEMA is no longer read: set DATABASE_SCHEMA (the event store lives in the deployment schema)']);
    });
  });

  describe('When production meets the demo', () => {
    const production = { RECON_MODE: 'production', EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/recon', RECON_JWT_SECRET: 'x'.repeat(32) };
    it('should not seed by default', () => expect(loadSettings(production).RECON_SEED_DEMO).toBe('false'));
    it('should refuse RECON_SEED_DEMO=true, whatever else is set', () =>
      expect(problemsOf({ ...production, RECON_SEED_DEMO: 'true' })).toEqual([expect.stringMatching(/^RECON_SEED_DEMO: production never seeds/)]));
  });
});
