#!/usr/bin/env node
'use strict';
// Waits until a Kafka broker answers the Kafka protocol (kafkajs admin.describeCluster).
//
//   node infra/kafka/wait-ready.js [--brokers 127.0.0.1:19092] [--timeout 60000]
//                                  [--pid N] [--log FILE]... [--quiet]
//
// Exit 0 when ready; 1 on timeout, or at once if --pid is given and that process has died.
// On failure (unless --quiet) prints a clear error and the tail of each --log file.
const fs = require('node:fs');

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const { Kafka, logLevel } = require('kafkajs');

function parseArgs(argv) {
  const opts = { brokers: null, timeout: 60000, pid: null, logs: [], quiet: false, warm: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--brokers') opts.brokers = argv[++i];
    else if (a === '--timeout') opts.timeout = Number(argv[++i]);
    else if (a === '--pid') opts.pid = Number(argv[++i]);
    else if (a === '--log') opts.logs.push(argv[++i]);
    else if (a === '--quiet') opts.quiet = true;
    else if (a === '--warm') opts.warm = true;
    else throw new Error(`unknown argument ${a}`);
  }
  opts.brokers = (opts.brokers || `127.0.0.1:${process.env.KAFKA_PORT || 19092}`).split(',');
  return opts;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function tail(file, lines = 40) {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return null;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Java's String.hashCode, as the broker uses it to map a group id to a __consumer_offsets partition.
function javaHash(str) {
  let h = 0;
  for (let i = 0; i < str.length; i++) h = (Math.imul(31, h) + str.charCodeAt(i)) | 0;
  return h;
}

/** One group id per __consumer_offsets partition, so that probing them touches every partition. */
function groupIdsCoveringPartitions(count) {
  const ids = new Array(count);
  let found = 0;
  for (let i = 0; found < count; i++) {
    const id = `wait-ready-${i}`;
    const h = javaHash(id);
    const p = (h === -2147483648 ? 0 : Math.abs(h)) % count;
    if (!ids[p]) {
      ids[p] = id;
      found++;
    }
  }
  return ids;
}

/**
 * After a restart the group coordinator replays __consumer_offsets in the background and answers
 * COORDINATOR_LOAD_IN_PROGRESS meanwhile; kafkajs' consumer retries that, but admin calls such as
 * fetchOffsets do not. So "ready" also means: every offsets partition has been loaded.
 */
async function checkGroupCoordinator(admin) {
  const { topics } = await admin.fetchTopicMetadata({ topics: [] });
  const offsetsTopic = topics.find((t) => t.name === '__consumer_offsets');
  if (!offsetsTopic) return; // fresh cluster: created (empty) on first use
  for (const groupId of groupIdsCoveringPartitions(offsetsTopic.partitions.length)) {
    await admin.fetchOffsets({ groupId, topics: [] });
  }
}

/** One attempt: resolves to the cluster description, or throws. */
async function probe(brokers, timeoutMs) {
  const kafka = new Kafka({
    clientId: 'wait-ready',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 3000),
    requestTimeout: Math.min(timeoutMs, 5000),
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (!cluster.brokers.length || cluster.controller == null || cluster.controller < 0) {
      throw new Error('broker answers but has no controller / broker list yet');
    }
    await checkGroupCoordinator(admin);
    return cluster;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

async function waitReady({ brokers, timeout, pid = null }) {
  const deadline = Date.now() + timeout;
  let lastError = null;
  for (;;) {
    if (pid && !alive(pid)) {
      const err = new Error(`broker process ${pid} exited before it became ready`);
      err.lastError = lastError;
      throw err;
    }
    const left = deadline - Date.now();
    try {
      return await probe(brokers, Math.max(500, left));
    } catch (e) {
      lastError = e;
    }
    if (Date.now() + 250 >= deadline) {
      const err = new Error(`no Kafka broker answered on ${brokers.join(',')} within ${timeout} ms`);
      err.lastError = lastError;
      throw err;
    }
    await sleep(250);
  }
}

/**
 * Extra readiness for `kafka.sh start`, so that the first test does not pay (and log) for lazy
 * broker set-up that kafkajs would otherwise retry through with ERROR log lines:
 *  - on a fresh cluster, __consumer_offsets is created by the first FindCoordinator, which answers
 *    COORDINATOR_NOT_AVAILABLE until it exists and is loaded;
 *  - the broker fetches its first block of producer ids from the controller lazily, answering the
 *    first InitProducerId with COORDINATOR_LOAD_IN_PROGRESS.
 */
async function warmUp(brokers, timeoutMs) {
  const kafka = new Kafka({
    clientId: 'wait-ready-warmup',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  let timer;
  const work = async () => {
    await admin.connect();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        // the first FindCoordinator creates __consumer_offsets; until its partitions are led and
        // loaded the broker answers COORDINATOR_NOT_AVAILABLE / NOT_COORDINATOR / LOAD_IN_PROGRESS
        await admin.fetchOffsets({ groupId: 'wait-ready-warmup', topics: [] });
        await checkGroupCoordinator(admin);
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await sleep(100);
      }
    }
    await producer.connect(); // runs InitProducerId for an idempotent producer
  };
  try {
    await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('broker warm-up timed out')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await producer.disconnect().catch(() => {});
    await admin.disconnect().catch(() => {});
  }
}

module.exports = { waitReady, probe, warmUp };

if (require.main === module) {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  (async () => {
    const cluster = await waitReady(opts);
    if (opts.warm) await warmUp(opts.brokers, Math.max(5000, opts.timeout - (Date.now() - started)));
    return cluster;
  })().then(
    (cluster) => {
      if (!opts.quiet) {
        console.error(
          `[kafka] broker ready on ${opts.brokers.join(',')} after ${Date.now() - started} ms ` +
            `(cluster ${cluster.clusterId}, controller ${cluster.controller})`,
        );
      }
      process.exit(0);
    },
    (err) => {
      if (!opts.quiet) {
        console.error(`[kafka] ERROR: ${err.message}`);
        if (err.lastError) console.error(`[kafka] last error: ${err.lastError.message}`);
        for (const file of opts.logs) {
          const t = tail(file);
          if (t != null) console.error(`[kafka] ---- last lines of ${file} ----\n${t}\n[kafka] ----`);
        }
      }
      process.exit(1);
    },
  );
}
