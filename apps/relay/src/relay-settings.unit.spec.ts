import { EVENTS_TOPIC } from '@recon/messaging';
import { InvalidSettingsError } from '@recon/platform';
import { loadRelaySettings } from './relay-settings';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadRelaySettings(env);
  } catch (error) {
    if (error instanceof InvalidSettingsError) return [...error.problems];
    throw error;
  }
  return [];
};

describe('relay settings', () => {
  it('has defaults for everything but DATABASE_URL', () => {
    expect(loadRelaySettings({ DATABASE_URL: 'postgres://u@h:5432/db' })).toEqual({
      databaseUrl: 'postgres://u@h:5432/db',
      databaseSchema: 'recon',
      kafkaBrokers: ['127.0.0.1:19092'],
      relayName: 'relay',
      topic: EVENTS_TOPIC,
      topicPartitions: 6,
      maxBatchSize: 500,
      lingerMs: 5,
    });
  });

  it('reads every variable', () => {
    const settings = loadRelaySettings({
      DATABASE_URL: 'postgresql://x/y',
      DATABASE_SCHEMA: 'es_1',
      KAFKA_BROKERS: 'k1:9092, k2.example.com:9093',
      RELAY_NAME: 'relay-eu.1',
      KAFKA_TOPIC: 'recon.events.test',
      KAFKA_TOPIC_PARTITIONS: '12',
      RELAY_BATCH_SIZE: '100',
      RELAY_LINGER_MS: '0',
    });
    expect(settings).toMatchObject({ kafkaBrokers: ['k1:9092', 'k2.example.com:9093'], topicPartitions: 12, maxBatchSize: 100, lingerMs: 0, relayName: 'relay-eu.1' });
  });

  it('refuses bad values, naming each variable', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://x',
      DATABASE_SCHEMA: 'Bad-Schema',
      KAFKA_BROKERS: 'localhost',
      RELAY_NAME: 'two words',
      KAFKA_TOPIC: 'bad topic',
      KAFKA_TOPIC_PARTITIONS: 'six',
      RELAY_BATCH_SIZE: '0',
      RELAY_LINGER_MS: '-1',
    });
    const named = ['DATABASE_URL', 'DATABASE_SCHEMA', 'KAFKA_BROKERS', 'RELAY_NAME', 'KAFKA_TOPIC', 'KAFKA_TOPIC_PARTITIONS', 'RELAY_BATCH_SIZE', 'RELAY_LINGER_MS'];
    expect(problems).toHaveLength(named.length);
    for (const name of named) expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${name}[ :]`)));
  });

  it('requires DATABASE_URL', () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^DATABASE_URL is required/)]);
    expect(problemsOf({ DATABASE_URL: 'postgres://h/db', KAFKA_BROKERS: ' , ' })).toEqual([expect.stringMatching(/^KAFKA_BROKERS /)]);
  });

  it('refuses the topic under its former name, naming the one that replaced it', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://h/db', RELAY_TOPIC: 'recon.events.test' })).toEqual(['RELAY_TOPIC is no longer read: set KAFKA_TOPIC']);
  });
});
