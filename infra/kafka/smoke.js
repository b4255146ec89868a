#!/usr/bin/env node
'use strict';
// End-to-end check of the local Kafka broker with kafkajs:
//   fetch + start -> create topic (6 partitions) -> 1000 messages through an idempotent producer
//   -> consume all with a consumer group -> stop -> start (topic, data and group offsets persist)
//   -> stop.
// Run: node infra/kafka/smoke.js   (exit 0 on success). Leaves no broker running if it started one.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const { execFileSync } = require('node:child_process');
const { Kafka, logLevel } = require('kafkajs');
const { ensureBroker, stopBroker, KAFKA_SH } = require('./broker');

const PARTITIONS = 6;
const MESSAGES = 1000;
const log = (...a) => console.log('[smoke]', ...a);
const assert = (cond, msg) => {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
};
const timed = async (label, fn) => {
  const t0 = Date.now();
  const r = await fn();
  log(`${label}: ${Date.now() - t0} ms`);
  return r;
};

function client(brokers) {
  return new Kafka({ clientId: 'kafka-smoke', brokers, logLevel: logLevel.WARN });
}

async function produceAndConsume(kafka, topic, groupId) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    assert(created, `topic ${topic} newly created`);
    const [meta] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    assert(meta.partitions.length === PARTITIONS, `${PARTITIONS} partitions, got ${meta.partitions.length}`);
  } finally {
    await admin.disconnect();
  }

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await timed(`produce ${MESSAGES} (idempotent)`, async () => {
    const batch = [];
    for (let i = 0; i < MESSAGES; i++) batch.push({ key: `k-${i % 50}`, value: `m-${i}` });
    // a few sends, so the idempotent sequence numbers advance across requests
    for (let i = 0; i < batch.length; i += 100) {
      await producer.send({ topic, acks: -1, messages: batch.slice(i, i + 100) });
    }
  });
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const seen = new Set();
  const perPartition = new Map();
  await timed(`consume ${MESSAGES} (group ${groupId})`, async () => {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${seen.size}/${MESSAGES} messages consumed within 60s`)),
        60000,
      );
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            seen.add(message.value.toString());
            perPartition.set(partition, (perPartition.get(partition) || 0) + 1);
            if (seen.size === MESSAGES) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  });
  await consumer.disconnect(); // commits the final offsets
  assert(seen.size === MESSAGES, `consumed ${MESSAGES} distinct messages`);
  log(`messages per partition: ${JSON.stringify(Object.fromEntries([...perPartition].sort()))}`);
}

async function checkAfterRestart(kafka, topic, groupId) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    assert(topics.includes(topic), `topic ${topic} still exists after restart`);
    const offsets = await admin.fetchTopicOffsets(topic);
    const total = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    assert(offsets.length === PARTITIONS, `${PARTITIONS} partitions after restart`);
    assert(total === MESSAGES, `${MESSAGES} messages on disk after restart, got ${total}`);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committedTotal = committed.partitions.reduce((n, p) => n + Number(p.offset), 0);
    assert(committedTotal === MESSAGES, `group offsets persisted (${committedTotal}/${MESSAGES})`);
    log(`after restart: topic present, ${total} messages, group offsets committed = ${committedTotal}`);
  } finally {
    await admin.disconnect();
  }
}

async function main() {
  execFileSync('bash', [KAFKA_SH, 'fetch'], { stdio: 'inherit' });
  const run = Date.now().toString(36);
  const topic = `smoke-${run}`;
  const groupId = `smoke-group-${run}`;
  let started = false;
  try {
    const first = await timed('ensureBroker (start to ready)', () => ensureBroker());
    started = first.startedByUs;
    log(`brokers ${first.brokers.join(',')} startedByUs=${first.startedByUs}`);
    const kafka = client(first.brokers);
    await produceAndConsume(kafka, topic, groupId);

    await timed('stop', () => stopBroker());
    const second = await timed('restart to ready', () => ensureBroker());
    started = true;
    assert(second.startedByUs, 'second start was done by us');
    await checkAfterRestart(client(second.brokers), topic, groupId);
    await timed('stop', () => stopBroker());
    started = false;
    log('OK');
  } finally {
    if (started) await stopBroker().catch(() => {});
  }
}

main().catch((err) => {
  console.error('[smoke] FAILED:', err && err.stack ? err.stack : err);
  process.exit(1);
});
