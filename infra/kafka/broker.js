'use strict';
// Node entry points for the test runner: make sure a real Kafka broker answers, and stop it again.
//
//   const { ensureBroker, stopBroker } = require('./infra/kafka/broker');
//   const { startedByUs, brokers } = await ensureBroker();   // brokers: ['127.0.0.1:19092']
//   ...
//   if (startedByUs) await stopBroker();
//
// Both shell out to infra/kafka/kafka.sh (which fetches the jars with Maven on first use).
// The port comes from options.port, else KAFKA_PORT, else 19092.
const path = require('node:path');
const { spawn } = require('node:child_process');
const { probe } = require('./wait-ready');

const KAFKA_SH = path.join(__dirname, 'kafka.sh');

function portOf(options = {}) {
  return Number(options.port || process.env.KAFKA_PORT || 19092);
}

function runKafkaSh(command, port, env = {}) {
  return new Promise((resolve, reject) => {
    // kafka.sh writes progress to stderr; send its stdout there too, to keep test output clean.
    const child = spawn('bash', [KAFKA_SH, command], {
      stdio: ['ignore', process.stderr, process.stderr],
      env: { ...process.env, ...env, KAFKA_PORT: String(port) },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`infra/kafka/kafka.sh ${command} failed (${signal || `exit ${code}`})`));
    });
  });
}

async function answers(brokers, timeoutMs = 1500) {
  try {
    await probe(brokers, timeoutMs);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the broker unless one already answers on the port.
 * @param {{port?: number, env?: Record<string,string>}} [options]
 * @returns {Promise<{startedByUs: boolean, brokers: string[]}>}
 */
async function ensureBroker(options = {}) {
  const port = portOf(options);
  const brokers = [`127.0.0.1:${port}`];
  if (await answers(brokers)) return { startedByUs: false, brokers };
  await runKafkaSh('start', port, options.env);
  return { startedByUs: true, brokers };
}

/** Stops the broker that kafka.sh started (safe when none is running). */
async function stopBroker(options = {}) {
  await runKafkaSh('stop', portOf(options), options.env);
}

module.exports = { ensureBroker, stopBroker, KAFKA_SH };
