// Static checks of the production deployment files (infra/deploy): no container engine runs where
// the tests run, so the compose file and the Dockerfile are parsed and checked against the code they
// start, the settings modules that read their environment, and the files they name.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ComposeFile, ComposeService, dependencyCycle, environmentOf, interpolatedVariables, loadCompose, MissingVariableError } from './compose-model';
import { ignoredBy, parseDockerfile } from './dockerfile-model';
import { PROCESS_ENTRIES, ProcessName, ProcessView, readSettings } from './process-settings';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the same CommonJS module `npm run relay|projector|chain-watcher` uses
const { serviceArgs } = require('../../scripts/service-command.js') as { serviceArgs(name: string): string[] };

const ROOT = path.resolve(__dirname, '../..');
const DEPLOY = path.join(ROOT, 'infra/deploy');
const COMPOSE_FILE = path.join(DEPLOY, 'compose.yaml');
const DOCKERFILE = path.join(DEPLOY, 'Dockerfile');
const IMAGE_WORKDIR = '/app';

/** What an operator puts in infra/deploy/.env, with values each setting accepts. */
const OPERATOR_VALUES: Record<string, string> = {
  POSTGRES_PASSWORD: 'a-password',
  RECON_API_KEYS: 'operator-key-0123456789:operator:alice',
  RECON_JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters',
  RECON_REPORT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
};

const REQUIRED_SERVICES = ['eventstoredb', 'kafka', 'postgres', 'api', 'relay', 'projector', 'chain-watcher'];
const PROCESS_OF_SERVICE: Record<string, ProcessName> = { api: 'api', relay: 'relay', projector: 'projector', 'chain-watcher': 'chain-watcher' };

const compose: ComposeFile = loadCompose(COMPOSE_FILE, OPERATOR_VALUES);
const services = compose.services;
const appServices = Object.entries(services).filter(([, service]) => service.build !== undefined);

/** The image's path of a repository file the container runs, or undefined for a path outside /app. */
const inImage = (arg: string): string | undefined => {
  const relative = arg.startsWith('/') ? path.posix.relative(IMAGE_WORKDIR, arg) : path.posix.normalize(arg);
  return relative.startsWith('..') ? undefined : relative;
};

/** The TypeScript source tsconfig.build.json compiles into a dist/ file. */
function sourceOf(distFile: string): string {
  return path.join(ROOT, distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

function deploymentsFileFor(service: ComposeService, containerPath: string): string {
  const config = service.configs?.find((c) => c.target === containerPath);
  if (!config) throw new Error(`no config is mounted at ${containerPath}`);
  const file = path.resolve(DEPLOY, compose.configs![config.source]!.file);
  return existsSync(file) ? file : file.replace(/\.json$/, '.example.json');
}

function processView(name: string): { view: ProcessView; read: Set<string>; env: Record<string, string> } {
  const service = services[name]!;
  const env = environmentOf(service);
  return { ...readSettings(PROCESS_OF_SERVICE[name]!, env, (file) => readFileSync(deploymentsFileFor(service, file), 'utf8')), env };
}

describe('the compose file of a production deployment (infra/deploy/compose.yaml)', () => {
  it('runs every part of the topology: EventStoreDB, Kafka, PostgreSQL, the API, the relay, a projector and the chain watcher', () => {
    expect(Object.keys(services).sort()).toEqual([...REQUIRED_SERVICES].sort());
  });

  it.each(REQUIRED_SERVICES)('%s has a health check and restarts on its own', (name) => {
    const service = services[name]!;
    expect(service.healthcheck?.test?.length).toBeGreaterThan(0);
    expect(['always', 'unless-stopped', 'on-failure']).toContain(service.restart);
  });

  it.each(Object.keys(PROCESS_OF_SERVICE))('%s: every variable it sets is one its settings module reads, and the module accepts the values', (name) => {
    const { read, env } = processView(name);
    expect(Object.keys(env).filter((variable) => !read.has(variable))).toEqual([]);
  });

  it('each service of the image runs one of its processes', () => {
    for (const [name, service] of appServices) {
      const entries = (service.command ?? []).map(inImage).filter((arg) => arg !== undefined);
      const runs = service.command?.[0] === 'recon' ? 'api' : (Object.keys(PROCESS_ENTRIES) as ProcessName[]).find((p) => entries.includes(PROCESS_ENTRIES[p]));
      expect({ name, runs }).toEqual({ name, runs: PROCESS_OF_SERVICE[name] });
    }
  });

  it('the relay, the projector and the chain watcher run exactly as `npm run relay|projector|chain-watcher` does', () => {
    for (const name of ['relay', 'projector', 'chain-watcher']) {
      const operators = serviceArgs(name).map((arg) => (path.isAbsolute(arg) ? path.relative(ROOT, arg) : arg));
      const container = services[name]!.command!.slice(1).map((arg) => (arg.startsWith('-') ? arg : inImage(arg)));
      expect({ name, command: services[name]!.command![0], args: container }).toEqual({ name, command: 'node', args: operators });
    }
  });

  it('the API runs in production mode and never seeds the demo', () => {
    const api = services.api!;
    expect(environmentOf(api)).toMatchObject({ RECON_MODE: 'production', RECON_SEED_DEMO: 'false' });
    expect(api.command).toEqual(['recon', 'start', '--no-seed']);
  });

  it('the processes agree on the event store schema, the read-model schema, the database, the topic and its partitions', () => {
    const api = processView('api').view;
    const relay = processView('relay').view;
    const projector = processView('projector').view;
    const watcher = processView('chain-watcher').view;
    // The relay publishes what the API and the chain watcher append; the API reads what the projector writes.
    expect([relay.eventStoreSchema, watcher.eventStoreSchema]).toEqual([api.eventStoreSchema, api.eventStoreSchema]);
    expect(projector.readModelSchema).toBe(api.readModelSchema);
    expect(projector.topic).toBe(relay.topic);
    expect(new Set([api.databaseUrl, relay.databaseUrl, projector.databaseUrl, watcher.databaseUrl]).size).toBe(1);
    expect(relay.topicPartitions).toBe(Number(environmentOf(services.kafka!).KAFKA_NUM_PARTITIONS));
  });

  it('the processes reach PostgreSQL and Kafka where the compose network has them, as the user the database creates', () => {
    const postgres = environmentOf(services.postgres!);
    const kafkaListener = new URL(environmentOf(services.kafka!).KAFKA_ADVERTISED_LISTENERS!.split(',')[0]!.replace('PLAINTEXT://', 'tcp://'));
    for (const name of Object.keys(PROCESS_OF_SERVICE)) {
      const { view } = processView(name);
      const url = new URL(view.databaseUrl!);
      expect({ name, host: url.host, user: url.username, password: url.password, db: url.pathname.slice(1) }).toEqual({
        name,
        host: 'postgres:5432',
        user: postgres.POSTGRES_USER,
        password: postgres.POSTGRES_PASSWORD,
        db: postgres.POSTGRES_DB,
      });
      for (const broker of view.kafkaBrokers ?? []) expect({ name, broker }).toEqual({ name, broker: kafkaListener.host });
    }
  });

  it('starts in dependency order: every dependency exists, is healthy first, and no two services wait on each other', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [target, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, target, exists: target in services, condition }).toEqual({ name, target, exists: true, condition: 'service_healthy' });
        // A service started by default cannot wait for one that starts only with a profile.
        if (!service.profiles) expect({ name, target, profiles: services[target]!.profiles }).toEqual({ name, target, profiles: undefined });
      }
    }
    expect(dependencyCycle(services)).toBeUndefined();
  });

  it('the API opens the read models only once the projector has set their schema up', () => {
    expect(services.api!.depends_on?.projector?.condition).toBe('service_healthy');
    expect(services.projector!.healthcheck!.test).toEqual(expect.arrayContaining(['--table']));
  });

  it('a dependency cycle is found, naming the services in it', () => {
    expect(dependencyCycle({ a: { depends_on: { b: {} } }, b: { depends_on: { c: {} } }, c: { depends_on: { a: {} } } })).toEqual(['a', 'b', 'c', 'a']);
    expect(dependencyCycle({ a: { depends_on: { b: {} } }, b: {} })).toBeUndefined();
  });

  it('refuses to start without its secrets, naming each, and .env.example lists every variable it takes', () => {
    const text = readFileSync(COMPOSE_FILE, 'utf8');
    const variables = interpolatedVariables(text);
    const required = [...variables].filter(([, v]) => v.required).map(([name]) => name).sort();
    expect(required).toEqual(['POSTGRES_PASSWORD', 'RECON_REPORT_SIGNING_KEY']);
    expect(() => loadCompose(COMPOSE_FILE, {})).toThrow(MissingVariableError);
    try {
      loadCompose(COMPOSE_FILE, {});
    } catch (error) {
      expect([...(error as MissingVariableError).variables].sort()).toEqual(required);
    }
    const documented = readFileSync(path.join(DEPLOY, '.env.example'), 'utf8').match(/^[A-Z_][A-Z0-9_]*(?==)/gm) ?? [];
    expect([...documented].sort()).toEqual([...variables.keys()].sort());
  });

  it('the Kafka image is the version the test broker runs', () => {
    const pomVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(path.join(ROOT, 'infra/kafka/pom.xml'), 'utf8'))![1];
    expect(services.kafka!.image).toBe(`apache/kafka:${pomVersion}`);
  });

  it('the files it names exist: build context, Dockerfile, chain deployments (or their example)', () => {
    for (const [, service] of appServices) {
      const context = path.resolve(DEPLOY, service.build!.context);
      expect(context).toBe(ROOT);
      expect(existsSync(path.join(context, service.build!.dockerfile))).toBe(true);
    }
    for (const { file } of Object.values(compose.configs ?? {})) {
      const resolved = path.resolve(DEPLOY, file);
      expect(existsSync(resolved) || existsSync(resolved.replace(/\.json$/, '.example.json'))).toBe(true);
    }
  });
});

describe('the image (infra/deploy/Dockerfile)', () => {
  const stages = parseDockerfile(readFileSync(DOCKERFILE, 'utf8'));
  const [build, runtime] = stages;
  const excluded = ignoredBy(readFileSync(`${DOCKERFILE}.dockerignore`, 'utf8').split('\n'));
  const runs = (stage: typeof build) => stage!.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.text);
  const copies = (stage: typeof build) => stage!.instructions.filter((i) => i.keyword === 'COPY');
  /** Files the runtime stage copies from the build context: path in the image → path in the repository. */
  const copiedIntoRuntime = new Map(
    copies(runtime)
      .filter((copy) => !copy.flags.from)
      .flatMap((copy) => {
        const destination = copy.args[copy.args.length - 1]!;
        return copy.args.slice(0, -1).map((source) => {
          const target = destination.endsWith('/') ? path.posix.join(destination, path.posix.basename(source)) : destination;
          return [path.posix.resolve(IMAGE_WORKDIR, target), source] as const;
        });
      }),
  );

  it('builds in one stage with npm ci and npm run build, and runs from another with production dependencies and dist/', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(runs(build)).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci\b/), 'npm run build']));
    expect(runs(runtime).some((run) => /^npm ci\b.*--omit=dev/.test(run))).toBe(true);
    const fromBuild = copies(runtime).filter((copy) => copy.flags.from);
    expect(fromBuild.map((copy) => [copy.flags.from, copy.args])).toEqual([['build', ['/app/dist', './dist']]]);
    expect(runtime!.instructions.find((i) => i.keyword === 'WORKDIR')?.args).toEqual([IMAGE_WORKDIR]);
  });

  it('copies only files that exist in the build context and that .dockerignore lets through', () => {
    for (const stage of stages) {
      for (const copy of copies(stage).filter((c) => !c.flags.from)) {
        for (const source of copy.args.slice(0, -1).filter((s) => s !== '.')) {
          expect({ source, exists: existsSync(path.join(ROOT, source)), excluded: excluded(source) }).toEqual({ source, exists: true, excluded: false });
        }
      }
    }
    expect(excluded('node_modules')).toBe(true);
    expect(excluded('dist/apps/relay/src/main.js')).toBe(true);
  });

  it('every file a container runs is in the image: copied from the repository, or compiled from a source the build compiles', () => {
    const wrapper = readFileSync(path.join(DEPLOY, 'recon'), 'utf8');
    expect(copiedIntoRuntime.get('/usr/local/bin/recon')).toBe('infra/deploy/recon');
    expect(statSync(path.join(DEPLOY, 'recon')).mode & 0o111).not.toBe(0);
    const wrapperFiles = [...wrapper.matchAll(/\/app\/(\S+\.js)/g)].map((m) => m[1]!);
    expect(wrapperFiles).toEqual(['scripts/register-paths.js', PROCESS_ENTRIES.api]);
    const commands = Object.values(services)
      .filter((service) => service.build)
      .flatMap((service) => [...(service.command ?? []), ...(service.healthcheck?.test ?? [])]);
    const files = [...wrapperFiles, ...commands.filter((arg) => /\.js$/.test(arg)).map((arg) => inImage(arg)!)];
    for (const file of new Set(files)) {
      if (file.startsWith('dist/')) {
        const source = sourceOf(file);
        expect({ file, source: path.relative(ROOT, source), exists: existsSync(source), compiled: !/(^|\/)(test|testing)\/|\.spec\.ts$/.test(source) }).toEqual({
          file, source: path.relative(ROOT, source), exists: true, compiled: true,
        });
      } else {
        expect({ file, copiedFrom: copiedIntoRuntime.get(path.posix.join(IMAGE_WORKDIR, file)) }).toEqual({ file, copiedFrom: file });
      }
    }
  });

  it('starts the API without the demo when no command is given', () => {
    expect(runtime!.instructions.find((i) => i.keyword === 'CMD')?.args).toEqual(['recon', 'start', '--no-seed']);
  });
});
