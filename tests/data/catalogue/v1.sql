-- A Breakeven price catalogue as schema version 1 wrote it (frozen: never
-- edit to match newer code). v1 had no price_rows.verified, no
-- instance_price_rows.usd_per_hour_reserved_1y / verified and no
-- append-only triggers; tests/pricing/test_catalogue_migration.cpp builds a
-- database from this file and checks the v1 -> v2 migration keeps the data.
PRAGMA application_id = 1114794853;  -- 0x42726B65 "Brke"
PRAGMA user_version = 1;
BEGIN;
CREATE TABLE catalogue_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE platforms (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  region          TEXT NOT NULL,
  billing_scope   TEXT NOT NULL,
  granularity_ms  REAL NOT NULL CHECK (granularity_ms >= 0),
  minimum_seconds REAL NOT NULL CHECK (minimum_seconds >= 0),
  rounding        TEXT NOT NULL DEFAULT 'up' CHECK (rounding IN ('up', 'nearest', 'down')),
  notes           TEXT NOT NULL DEFAULT ''
);
CREATE TABLE free_tiers (
  platform_id            TEXT PRIMARY KEY REFERENCES platforms(id),
  requests_per_month     REAL NOT NULL DEFAULT 0 CHECK (requests_per_month >= 0),
  gb_seconds_per_month   REAL NOT NULL DEFAULT 0 CHECK (gb_seconds_per_month >= 0),
  vcpu_seconds_per_month REAL NOT NULL DEFAULT 0 CHECK (vcpu_seconds_per_month >= 0),
  gib_seconds_per_month  REAL NOT NULL DEFAULT 0 CHECK (gib_seconds_per_month >= 0),
  applies_to_provisioned INTEGER NOT NULL DEFAULT 0 CHECK (applies_to_provisioned IN (0, 1))
);
CREATE TABLE price_items (
  id          TEXT PRIMARY KEY,
  platform_id TEXT NOT NULL REFERENCES platforms(id),
  item        TEXT NOT NULL,
  unit        TEXT NOT NULL,
  rate_name   TEXT NOT NULL
);
CREATE TABLE price_rows (
  row_id         INTEGER PRIMARY KEY AUTOINCREMENT,
  price_id       TEXT NOT NULL REFERENCES price_items(id),
  usd_per_unit   REAL NOT NULL CHECK (usd_per_unit >= 0),
  effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  source         TEXT NOT NULL,
  recorded_at    TEXT NOT NULL
);
CREATE INDEX price_rows_by_item ON price_rows (price_id, effective_from, row_id);
CREATE TABLE price_tiers (
  row_id       INTEGER NOT NULL REFERENCES price_rows(row_id),
  ordinal      INTEGER NOT NULL CHECK (ordinal >= 0),
  up_to        REAL CHECK (up_to IS NULL OR up_to > 0),
  usd_per_unit REAL NOT NULL CHECK (usd_per_unit >= 0),
  PRIMARY KEY (row_id, ordinal)
) WITHOUT ROWID;
CREATE TABLE gpu_types (
  id                   TEXT PRIMARY KEY,
  memory_gb            REAL NOT NULL,
  memory_bandwidth_gbs REAL NOT NULL,
  fp16_dense_tflops    REAL NOT NULL,
  int8_dense_tops      REAL NOT NULL,
  tdp_watts            REAL NOT NULL,
  source               TEXT NOT NULL
);
CREATE TABLE instance_types (
  id        TEXT PRIMARY KEY,
  vcpu      REAL NOT NULL,
  memory_gb REAL NOT NULL,
  gpu       TEXT,
  gpu_count INTEGER NOT NULL DEFAULT 0 CHECK (gpu_count >= 0)
);
CREATE TABLE instance_price_rows (
  row_id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  instance_id            TEXT NOT NULL REFERENCES instance_types(id),
  usd_per_hour_on_demand REAL NOT NULL CHECK (usd_per_hour_on_demand >= 0),
  effective_from         TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  source                 TEXT NOT NULL,
  recorded_at            TEXT NOT NULL
);
CREATE INDEX instance_price_rows_by_instance ON instance_price_rows (instance_id, effective_from, row_id);

INSERT INTO catalogue_meta (key, value) VALUES
  ('seed_collected_on', '2025-06-01'),
  ('created_at', '2025-06-02T09:00:00Z'),
  ('seed_hash', '0000000000000000000000000000000000000000000000000000000000000000');
INSERT INTO platforms VALUES
  ('aws-lambda', 'AWS Lambda', 'us-east-1', 'perRequestDuration', 1, 0, 'up', 'rounded up to 1 ms'),
  ('gcp-cloud-run', 'Google Cloud Run', 'us-central1', 'instanceActive', 100, 0, 'up', '');
INSERT INTO free_tiers VALUES
  ('aws-lambda', 1000000, 400000, 0, 0, 0),
  ('gcp-cloud-run', 2000000, 0, 180000, 360000, 0);
INSERT INTO price_items VALUES
  ('lambda.requests', 'aws-lambda', 'requests', '1M requests', 'usd_per_1m_requests'),
  ('lambda.x86.gb-second', 'aws-lambda', 'compute', 'GB-second', 'usd_per_gb_second'),
  ('cloudrun.t1.requests', 'gcp-cloud-run', 'requests', '1M requests', 'usd_per_1m_requests');
INSERT INTO price_rows (price_id, usd_per_unit, effective_from, source, recorded_at) VALUES
  ('lambda.requests', 0.2, '2025-06-01', 'https://aws.amazon.com/lambda/pricing/', '2025-06-02T09:00:00Z'),
  ('lambda.x86.gb-second', 1.66667e-05, '2025-06-01', 'https://aws.amazon.com/lambda/pricing/', '2025-06-02T09:00:00Z'),
  ('cloudrun.t1.requests', 0.4, '2025-06-01', 'https://cloud.google.com/run/pricing', '2025-06-02T09:00:00Z'),
  ('lambda.requests', 0.25, '2025-09-01', 'negotiated rate, email of 2025-08-20', '2025-08-21T10:30:00Z');
INSERT INTO price_tiers VALUES
  (2, 0, 6000000000, 1.66667e-05),
  (2, 1, 15000000000, 1.5e-05),
  (2, 2, NULL, 1.33334e-05);
INSERT INTO gpu_types VALUES
  ('L4', 24, 300, 121, 242.5, 72, 'https://www.nvidia.com/en-us/data-center/l4/');
INSERT INTO instance_types VALUES
  ('aws-ec2.g6.xlarge', 4, 16, 'L4', 1);
INSERT INTO instance_price_rows (instance_id, usd_per_hour_on_demand, effective_from, source, recorded_at) VALUES
  ('aws-ec2.g6.xlarge', 0.8048, '2025-06-01', 'https://aws.amazon.com/ec2/pricing/on-demand/', '2025-06-02T09:00:00Z'),
  ('aws-ec2.g6.xlarge', 0.7, '2026-01-01', 'spot-ish estimate', '2025-12-01T08:00:00Z');
COMMIT;
