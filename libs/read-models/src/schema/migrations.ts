import { MigrationInterface, QueryRunner } from 'typeorm';
import { assertReadModelSchema } from './schema-name';

/**
 * Hand-written migrations, one class per change, each bound to a schema. TypeORM records them in
 * `<schema>.read_model_migrations` (the DataSource's `schema` and `migrationsTableName`), so every
 * schema migrates on its own. The class names end in the 13-digit timestamp TypeORM orders by.
 */
export function readModelMigrations(schemaName: string): Array<new () => MigrationInterface> {
  const s = `"${assertReadModelSchema(schemaName)}"`;

  class ReadModelsInitial1767225600000 implements MigrationInterface {
    readonly name = 'ReadModelsInitial1767225600000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await runner.query(`
        CREATE TABLE ${s}.assets (
          asset_id      text          PRIMARY KEY,
          isin          text          NOT NULL,
          symbol        text          NOT NULL,
          name          text          NOT NULL,
          multiplier    numeric(48,18) NOT NULL,
          registered_at timestamptz   NOT NULL
        );
        CREATE INDEX assets_isin_idx ON ${s}.assets (isin);
        CREATE TABLE ${s}.token_deployments (
          asset_id         text    NOT NULL,
          chain_id         integer NOT NULL,
          contract_address text    NOT NULL,
          decimals         integer NOT NULL CHECK (decimals BETWEEN 0 AND 77),
          PRIMARY KEY (asset_id, chain_id, contract_address)
        );
        CREATE TABLE ${s}.token_supply (
          asset_id   text          NOT NULL,
          chain_id   integer       NOT NULL,
          decimals   integer,
          supply     numeric(78,0) NOT NULL,
          minted     numeric(78,0) NOT NULL,
          burned     numeric(78,0) NOT NULL,
          last_block bigint,
          as_of      timestamptz,
          PRIMARY KEY (asset_id, chain_id)
        );
        CREATE TABLE ${s}.custody_accounts (
          custodian           text NOT NULL,
          account             text NOT NULL,
          statement_date      date NOT NULL,
          statement_reference text NOT NULL,
          basis               text NOT NULL,
          PRIMARY KEY (custodian, account)
        );
        CREATE TABLE ${s}.custody_positions (
          custodian           text           NOT NULL,
          account             text           NOT NULL,
          isin                text           NOT NULL,
          asset_id            text,
          statement_date      date           NOT NULL,
          statement_reference text           NOT NULL,
          quantity            numeric(48,18) NOT NULL,
          basis               text           NOT NULL,
          PRIMARY KEY (custodian, account, isin)
        );
        CREATE INDEX custody_positions_asset_idx ON ${s}.custody_positions (asset_id);
        CREATE INDEX custody_positions_isin_idx ON ${s}.custody_positions (isin);
        CREATE TABLE ${s}.pending_settlements (
          trade_id        text           PRIMARY KEY,
          asset_id        text           NOT NULL,
          side            text           NOT NULL CHECK (side IN ('BUY', 'SELL')),
          quantity        numeric(48,18) NOT NULL,
          settled         numeric(48,18) NOT NULL,
          remaining       numeric(48,18) NOT NULL,
          settlement_date date           NOT NULL,
          status          text           NOT NULL
        );
        CREATE INDEX pending_settlements_asset_idx ON ${s}.pending_settlements (asset_id);
        CREATE TABLE ${s}.collateralization (
          asset_id        text           PRIMARY KEY,
          required_shares numeric(48,18) NOT NULL,
          held_shares     numeric(48,18) NOT NULL,
          pending_buy     numeric(48,18) NOT NULL,
          pending_sell    numeric(48,18) NOT NULL,
          difference      numeric(48,18) NOT NULL,
          ratio           text,
          as_of           timestamptz
        );
        CREATE TABLE ${s}.processed_events (
          projection text NOT NULL,
          event_id   text NOT NULL,
          PRIMARY KEY (projection, event_id)
        );
        CREATE TABLE ${s}.consumer_offsets (
          group_id    text    NOT NULL,
          topic       text    NOT NULL,
          partition   integer NOT NULL,
          next_offset bigint  NOT NULL,
          PRIMARY KEY (group_id, topic, partition)
        );
        CREATE TABLE ${s}.projection_checkpoints (
          projection      text   PRIMARY KEY,
          global_position bigint NOT NULL
        );
      `);
    }

    async down(runner: QueryRunner): Promise<void> {
      for (const table of ['projection_checkpoints', 'consumer_offsets', 'processed_events', 'collateralization', 'pending_settlements',
        'custody_positions', 'custody_accounts', 'token_supply', 'token_deployments', 'assets']) {
        await runner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
      }
    }
  }

  /** The exception queue: one row per exception, filtered and sorted by the back office. */
  class ExceptionQueue1767312000000 implements MigrationInterface {
    readonly name = 'ExceptionQueue1767312000000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`
        CREATE TABLE ${s}.exceptions (
          exception_id       text        PRIMARY KEY,
          asset_id           text        NOT NULL,
          break_type         text        NOT NULL,
          severity           text        NOT NULL,
          status             text        NOT NULL,
          assignee           text,
          pending_maker      text,
          pending_proposal   text,
          raised_at          timestamptz NOT NULL,
          sla_due_at         timestamptz NOT NULL,
          last_changed_at    timestamptz NOT NULL,
          resolved_at        timestamptz,
          resolution         text,
          approved_by        text,
          reopen_count       integer     NOT NULL DEFAULT 0,
          figures            jsonb       NOT NULL,
          evidence_event_ids jsonb       NOT NULL,
          stream_version     integer     NOT NULL
        );
        CREATE INDEX exceptions_queue_idx ON ${s}.exceptions (status, severity, raised_at);
        CREATE INDEX exceptions_asset_idx ON ${s}.exceptions (asset_id);
      `);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE IF EXISTS ${s}.exceptions`);
    }
  }

  /**
   * The continuous reconciler's state: fact documents per asset and account, the exceptions it has
   * open, and the outbox of exception commands written in the batch transaction.
   */
  class ContinuousReconciler1767398400000 implements MigrationInterface {
    readonly name = 'ContinuousReconciler1767398400000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`
        CREATE TABLE ${s}.reconciliation_facts (
          fact_key text  PRIMARY KEY,
          doc      jsonb NOT NULL
        );
        CREATE TABLE ${s}.reconciler_open_exceptions (
          exception_id text PRIMARY KEY,
          asset_id     text NOT NULL
        );
        CREATE INDEX reconciler_open_exceptions_asset_idx ON ${s}.reconciler_open_exceptions (asset_id);
        CREATE TABLE ${s}.exception_outbox (
          id            bigserial   PRIMARY KEY,
          exception_id  text        NOT NULL,
          command       jsonb       NOT NULL,
          created_at    timestamptz NOT NULL DEFAULT now(),
          dispatched_at timestamptz,
          outcome       text
        );
        CREATE INDEX exception_outbox_pending_idx ON ${s}.exception_outbox (id) WHERE dispatched_at IS NULL;
      `);
    }

    async down(runner: QueryRunner): Promise<void> {
      for (const table of ['exception_outbox', 'reconciler_open_exceptions', 'reconciliation_facts']) await runner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
    }
  }

  /** The statement before an account's current one, restored when a cancellation withdraws the current one. */
  class CustodyPreviousStatement1767484800000 implements MigrationInterface {
    readonly name = 'CustodyPreviousStatement1767484800000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.custody_accounts ADD COLUMN previous jsonb`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.custody_accounts DROP COLUMN IF EXISTS previous`);
    }
  }

  /**
   * The supply read model counts each chain log once (chain id, tx hash, log index) whether the
   * watcher observed it or the issuance API recorded it, and keeps a reverted one reverted; and it
   * shows the watcher's latest totalSupply() reading with the last confirmed block it was read at.
   */
  class ChainSupplyVisibility1767571200000 implements MigrationInterface {
    readonly name = 'ChainSupplyVisibility1767571200000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`
        CREATE TABLE ${s}.token_supply_logs (
          chain_id           integer       NOT NULL,
          tx_hash            text          NOT NULL,
          log_index          integer       NOT NULL,
          asset_id           text          NOT NULL,
          direction          text          NOT NULL CHECK (direction IN ('mint', 'burn')),
          amount             numeric(78,0) NOT NULL,
          block_number       bigint        NOT NULL,
          block_hash         text,
          counted            boolean       NOT NULL,
          reverted_block     bigint,
          reverted_hash      text,
          PRIMARY KEY (chain_id, tx_hash, log_index)
        );
        ALTER TABLE ${s}.token_supply
          ADD COLUMN total_supply    numeric(78,0),
          ADD COLUMN confirmed_block bigint,
          ADD COLUMN confirmed_at    timestamptz;
      `);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE IF EXISTS ${s}.token_supply_logs`);
      await runner.query(`ALTER TABLE ${s}.token_supply DROP COLUMN IF EXISTS total_supply, DROP COLUMN IF EXISTS confirmed_block, DROP COLUMN IF EXISTS confirmed_at`);
    }
  }

  /**
   * Collateralization per asset and day, written with the collateralization rows: the dashboard's
   * ratio over time without replaying the store (see projection/figure-rows.ts for what a day is).
   */
  class CollateralizationHistory1767657600000 implements MigrationInterface {
    readonly name = 'CollateralizationHistory1767657600000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`
        CREATE TABLE ${s}.collateralization_history (
          asset_id        text           NOT NULL,
          recorded_date   date           NOT NULL,
          required_shares numeric(48,18) NOT NULL,
          held_shares     numeric(48,18) NOT NULL,
          pending_buy     numeric(48,18) NOT NULL,
          pending_sell    numeric(48,18) NOT NULL,
          difference      numeric(48,18) NOT NULL,
          ratio           text,
          as_of           timestamptz,
          PRIMARY KEY (asset_id, recorded_date)
        );
      `);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE IF EXISTS ${s}.collateralization_history`);
    }
  }

  /**
   * What the reconciler last raised for each of its open exceptions (severity, figures, affected), so
   * that a pass re-raises only what moved instead of every open break on every batch.
   */
  class ReconcilerRaisedDigest1767744000000 implements MigrationInterface {
    readonly name = 'ReconcilerRaisedDigest1767744000000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.reconciler_open_exceptions ADD COLUMN raised_digest text`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.reconciler_open_exceptions DROP COLUMN IF EXISTS raised_digest`);
    }
  }

  /**
   * Fact documents are rewritten whole every batch, and pglz compression of the large ones was most
   * of that write's cost in the database; lz4 compresses several times faster. Only where the server
   * was built with lz4 (PGlite and some builds are not): elsewhere the column keeps the default.
   */
  class FactsLz4Compression1767830400000 implements MigrationInterface {
    readonly name = 'FactsLz4Compression1767830400000';

    async up(runner: QueryRunner): Promise<void> {
      if (await this.serverHasLz4(runner)) await runner.query(`ALTER TABLE ${s}.reconciliation_facts ALTER COLUMN doc SET COMPRESSION lz4`);
    }

    async down(runner: QueryRunner): Promise<void> {
      if (await this.serverHasLz4(runner)) await runner.query(`ALTER TABLE ${s}.reconciliation_facts ALTER COLUMN doc SET COMPRESSION default`);
    }

    private async serverHasLz4(runner: QueryRunner): Promise<boolean> {
      const rows: unknown[] = await runner.query(`SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)`);
      return rows.length > 0;
    }
  }

  /**
   * One fold of the facts: holdings, supply, pending settlements and collateralization are derived
   * from the reconciler's fact documents, so what only the read models' own folds needed goes (the
   * per-log supply ledger, the minted/burned sums, the account's previous statement). Figures of a
   * schema written before this come from the old folds until the schema is rebuilt (`recon rebuild`).
   */
  class SingleFactsFold1767916800000 implements MigrationInterface {
    readonly name = 'SingleFactsFold1767916800000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE IF EXISTS ${s}.token_supply_logs`);
      await runner.query(`ALTER TABLE ${s}.token_supply DROP COLUMN IF EXISTS minted, DROP COLUMN IF EXISTS burned`);
      await runner.query(`ALTER TABLE ${s}.custody_accounts DROP COLUMN IF EXISTS previous`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.custody_accounts ADD COLUMN previous jsonb`);
      await runner.query(`ALTER TABLE ${s}.token_supply ADD COLUMN minted numeric(78,0) NOT NULL DEFAULT 0, ADD COLUMN burned numeric(78,0) NOT NULL DEFAULT 0`);
    }
  }

  /**
   * The breakdown of each custody position (available, not available, every sub-balance) and where it
   * comes from (the statement pages' ids and events), and per account whether the current statement
   * is complete or a delta and whether all its pages arrived: what the positions query shows. Rows
   * written before this have no breakdown (null, []) until the schema is rebuilt (`recon rebuild`).
   */
  class CustodyPositionBreakdown1768003200000 implements MigrationInterface {
    readonly name = 'CustodyPositionBreakdown1768003200000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.custody_positions
        ADD COLUMN available numeric(48,18), ADD COLUMN not_available numeric(48,18),
        ADD COLUMN sub_balances jsonb NOT NULL DEFAULT '[]', ADD COLUMN statement_ids jsonb NOT NULL DEFAULT '[]', ADD COLUMN event_ids jsonb NOT NULL DEFAULT '[]'`);
      await runner.query(`ALTER TABLE ${s}.custody_accounts ADD COLUMN completeness text, ADD COLUMN all_pages_received boolean`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.custody_accounts DROP COLUMN IF EXISTS completeness, DROP COLUMN IF EXISTS all_pages_received`);
      await runner.query(`ALTER TABLE ${s}.custody_positions DROP COLUMN IF EXISTS available, DROP COLUMN IF EXISTS not_available,
        DROP COLUMN IF EXISTS sub_balances, DROP COLUMN IF EXISTS statement_ids, DROP COLUMN IF EXISTS event_ids`);
    }
  }

  /**
   * The exception cap counts a fault's breaks over the whole book: the reconciler keeps every asset's
   * latest findings (`reconciler_findings`) and, beside each exception it holds open, the cap group it
   * was raised in. Exceptions held open before this have no group and are cleared per asset as before;
   * the book fills as assets are reconciled (the next sweep covers them all, a rebuild at once).
   */
  class ReconcilerFindingsBook1768089600000 implements MigrationInterface {
    readonly name = 'ReconcilerFindingsBook1768089600000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`
        CREATE TABLE ${s}.reconciler_findings (
          exception_id text PRIMARY KEY,
          asset_id text NOT NULL,
          cap_group text NOT NULL,
          finding jsonb NOT NULL
        )`);
      await runner.query(`CREATE INDEX reconciler_findings_asset_idx ON ${s}.reconciler_findings (asset_id)`);
      await runner.query(`CREATE INDEX reconciler_findings_group_idx ON ${s}.reconciler_findings (cap_group)`);
      await runner.query(`ALTER TABLE ${s}.reconciler_open_exceptions ADD COLUMN cap_group text`);
      await runner.query(`CREATE INDEX reconciler_open_exceptions_group_idx ON ${s}.reconciler_open_exceptions (cap_group)`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.reconciler_open_exceptions DROP COLUMN IF EXISTS cap_group`);
      await runner.query(`DROP TABLE IF EXISTS ${s}.reconciler_findings`);
    }
  }

  /**
   * What each exception is about (the subject key the reconciler raised it under), for the queue, its
   * CSV and the web to show. Rows written before this have none until the schema is rebuilt.
   */
  class ExceptionSubject1768176000000 implements MigrationInterface {
    readonly name = 'ExceptionSubject1768176000000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.exceptions ADD COLUMN subject text`);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE ${s}.exceptions DROP COLUMN IF EXISTS subject`);
    }
  }

  /**
   * Resolution outcomes on the queue: the outcome, reason code, justification and accepted amount
   * and date of the resolution proposed or in force, and why the exception last reopened. A closed,
   * cleared or folded exception runs no SLA, so its due time is null.
   */
  class ExceptionResolutionOutcome1768262400000 implements MigrationInterface {
    readonly name = 'ExceptionResolutionOutcome1768262400000';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(`
        ALTER TABLE ${s}.exceptions
          ADD COLUMN outcome text, ADD COLUMN reason_code text, ADD COLUMN justification text,
          ADD COLUMN accepted_amount text, ADD COLUMN accepted_until text, ADD COLUMN reopen_reason text,
          ALTER COLUMN sla_due_at DROP NOT NULL;
        UPDATE ${s}.exceptions SET sla_due_at = NULL WHERE status IN ('CLOSED', 'CLEARED', 'FOLDED');
      `);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`
        UPDATE ${s}.exceptions SET sla_due_at = raised_at WHERE sla_due_at IS NULL;
        ALTER TABLE ${s}.exceptions
          DROP COLUMN IF EXISTS outcome, DROP COLUMN IF EXISTS reason_code, DROP COLUMN IF EXISTS justification,
          DROP COLUMN IF EXISTS accepted_amount, DROP COLUMN IF EXISTS accepted_until, DROP COLUMN IF EXISTS reopen_reason,
          ALTER COLUMN sla_due_at SET NOT NULL;
      `);
    }
  }

  return [ReadModelsInitial1767225600000, ExceptionQueue1767312000000, ContinuousReconciler1767398400000, CustodyPreviousStatement1767484800000, ChainSupplyVisibility1767571200000,
    CollateralizationHistory1767657600000, ReconcilerRaisedDigest1767744000000, FactsLz4Compression1767830400000, SingleFactsFold1767916800000,
    CustodyPositionBreakdown1768003200000, ReconcilerFindingsBook1768089600000, ExceptionSubject1768176000000, ExceptionResolutionOutcome1768262400000];
}
