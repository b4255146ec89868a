import { InvalidSettingsError, loadSettings } from './settings';

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
});
