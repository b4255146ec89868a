import { Pool } from 'pg';
import { dumpReadModels, openReadModels, rebuildReadModels, TableDump } from '@recon/read-models';
import { rebuildCommand, rebuildConfigFrom, stagingSchemaOf } from '../src/rebuild';
import { generateEvents } from './support/generator';
import { appendAll, DATABASE_URL, dropSchemas, openStore, uniqueName } from './support/harness';

jest.setTimeout(180_000);

const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
const schemas: string[] = [];

afterAll(async () => {
  await dropSchemas(pool, ...schemas);
  await pool.end();
});

async function tablesOf(schema: string): Promise<TableDump> {
  const dataSource = await openReadModels({ url: DATABASE_URL, schema, poolSize: 1 });
  try {
    return await dumpReadModels(dataSource, schema);
  } finally {
    await dataSource.destroy();
  }
}

const schemaExists = async (schema: string): Promise<boolean> =>
  (await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rows.length > 0;

describe('rebuild command', () => {
  const deployment = uniqueName('rbd');
  const target = `${deployment}_read`;
  const reference = uniqueName('rbref');
  let expected: TableDump;

  beforeAll(async () => {
    schemas.push(deployment, target, reference, stagingSchemaOf(target));
    const store = await openStore(pool, deployment);
    await appendAll(store, generateEvents(11, 600, 'rb').appends);
    // What a rebuild must produce: the read models applied straight from the store into a schema of their own.
    const dataSource = await openReadModels({ url: DATABASE_URL, schema: reference, poolSize: 1 });
    try {
      await rebuildReadModels({ dataSource, schema: reference, store });
      expected = await dumpReadModels(dataSource, reference);
    } finally {
      await dataSource.destroy();
      await store.close();
    }
    expect(expected.collateralization!.length).toBeGreaterThan(0);
  });

  it('reads the event store in DATABASE_SCHEMA and rebuilds <DATABASE_SCHEMA>_read, leaving no staging schema', async () => {
    const options = rebuildConfigFrom({ DATABASE_URL, DATABASE_SCHEMA: deployment });
    expect(options).toEqual({ databaseUrl: DATABASE_URL, eventStoreSchema: deployment, schema: target });
    await rebuildCommand(options);
    expect(await tablesOf(target)).toEqual(expected);
    expect(await schemaExists(stagingSchemaOf(target))).toBe(false);
  });

  it('replaces tables that drifted from the store with the rebuilt ones', async () => {
    await pool.query(`DELETE FROM "${target}".collateralization`);
    await rebuildCommand(rebuildConfigFrom({ DATABASE_URL, DATABASE_SCHEMA: deployment }));
    expect(await tablesOf(target)).toEqual(expected);
  });

  it('refuses up front, naming DATABASE_SCHEMA, when the schema holds no event store, and leaves the read models as they were', async () => {
    const wrong = uniqueName('rbnostore');
    const wrongTarget = `${wrong}_read`;
    schemas.push(wrongTarget, stagingSchemaOf(wrongTarget));
    // The read models of a deployment whose store setting is wrong: the old rebuild emptied them, then failed.
    const dataSource = await openReadModels({ url: DATABASE_URL, schema: wrongTarget, poolSize: 1 });
    await rebuildReadModels({ dataSource, schema: wrongTarget, store: await openStore(pool, deployment) });
    const before = await dumpReadModels(dataSource, wrongTarget);
    await dataSource.destroy();
    expect(before.collateralization!.length).toBeGreaterThan(0);
    schemas.push(wrong);

    await expect(rebuildCommand(rebuildConfigFrom({ DATABASE_URL, DATABASE_SCHEMA: wrong }))).rejects.toThrow(
      new RegExp(`DATABASE_SCHEMA: schema "${wrong}" holds no event store .*Nothing was changed`),
    );
    expect(await tablesOf(wrongTarget)).toEqual(before);
  });
});
