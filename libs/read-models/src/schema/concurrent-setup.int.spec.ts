import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { openReadModels } from './data-source';
import { readModelMigrations } from './migrations';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

describe('read-model set-up on a new schema', () => {
  const schema = `setup_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  const opened: DataSource[] = [];

  afterAll(async () => {
    await Promise.allSettled(opened.map((dataSource) => dataSource.destroy()));
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('serialises projectors starting at once: every one comes up, and each migration runs once', async () => {
    const starts = await Promise.allSettled(Array.from({ length: 5 }, () => openReadModels({ url: DATABASE_URL, schema, poolSize: 2 })));
    for (const start of starts) if (start.status === 'fulfilled') opened.push(start.value);
    expect(starts.filter((start) => start.status === 'rejected').map((start) => String((start as PromiseRejectedResult).reason))).toEqual([]);
    const { rows } = await admin.query<{ name: string; runs: string }>(`SELECT name, count(*) AS runs FROM "${schema}".read_model_migrations GROUP BY name`);
    expect(rows.map((row) => row.name).sort()).toEqual(readModelMigrations(schema).map((migration) => new migration().name).sort());
    expect(rows.every((row) => row.runs === '1')).toBe(true);
  });
});
