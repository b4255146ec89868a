// The containers' health check (compose.yaml). Exit 0 healthy, 1 not.
//
//   node infra/deploy/healthcheck.js http://127.0.0.1:3000/health
//       the API: its /health answers 2xx (it reads the event store to answer)
//   node infra/deploy/healthcheck.js --process dist/apps/relay/src/main.js [--table consumer_offsets]
//       a process without a health endpoint (relay, projector, chain watcher): a process of the
//       container runs that entry point; with --table, also that table exists in the read models
//       (<DATABASE_SCHEMA>_read, the settings module's rule) of
//       DATABASE_URL, i.e. the process finished setting up its schema.
const { readdirSync, readFileSync } = require('node:fs');

const TIMEOUT_MS = 4_000;

async function httpOk(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  return response.ok;
}

/** The arguments of the container's other processes (Linux /proc); this check names the entry too. */
function commandLines() {
  const lines = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name) && name !== String(process.pid))) {
    try {
      lines.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
    } catch {
      // the process ended while we looked
    }
  }
  return lines;
}

function runs(entry) {
  return commandLines().some((args) => args.some((arg) => arg === entry || arg.endsWith(`/${entry}`)));
}

async function tableExists(table) {
  const { Client } = require('pg');
  const schema = process.env.DATABASE_SCHEMA && `${process.env.DATABASE_SCHEMA}_read`;
  if (!process.env.DATABASE_URL || !schema) throw new Error('--table needs DATABASE_URL and DATABASE_SCHEMA');
  const client = new Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: TIMEOUT_MS, query_timeout: TIMEOUT_MS });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT to_regclass($1) IS NOT NULL AS present', [`"${schema}"."${table}"`]);
    return rows[0].present === true;
  } finally {
    await client.end();
  }
}

async function healthy(args) {
  if (args.length === 1 && /^https?:\/\//.test(args[0])) return httpOk(args[0]);
  const entry = args[args.indexOf('--process') + 1];
  if (!args.includes('--process') || !entry) throw new Error('usage: healthcheck.js <url> | --process <entry> [--table <name>]');
  if (!runs(entry)) return false;
  const table = args.includes('--table') ? args[args.indexOf('--table') + 1] : undefined;
  return table === undefined || tableExists(table);
}

healthy(process.argv.slice(2)).then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    process.stderr.write(`unhealthy: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
