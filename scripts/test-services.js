// Real services for the test run. Each one is started only when it is not already answering, and
// only what this process started is stopped afterwards.
const { execFileSync } = require('node:child_process');
const { Client } = require('pg');

const broker = require('../infra/kafka/broker');

const started = [];
let kafkaBrokers;
const POSTGRES_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function postgresAnswers() {
  const client = new Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensurePostgres() {
  if (await postgresAnswers()) return;
  console.error('PostgreSQL is not answering on 127.0.0.1:5432: starting the local cluster');
  const versions = execFileSync('ls', ['/etc/postgresql']).toString().trim().split('\n');
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', versions.at(-1), 'main', 'start'], { stdio: 'inherit' });
  for (let attempt = 0; attempt < 30; attempt++) {
    if (await postgresAnswers()) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`PostgreSQL did not answer at ${POSTGRES_URL}`);
}

async function ensureKafka() {
  const kafka = await broker.ensureBroker();
  if (kafka.startedByUs) started.push(() => broker.stopBroker());
  kafkaBrokers = kafka.brokers.join(',');
}

async function start() {
  await ensurePostgres();
  await ensureKafka();
}

async function stop() {
  while (started.length) await started.pop()();
}

function env() {
  return { TEST_DATABASE_URL: POSTGRES_URL, ...(kafkaBrokers ? { KAFKA_BROKERS: kafkaBrokers } : {}) };
}

module.exports = { start, stop, env };
