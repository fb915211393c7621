import { type Kysely, sql } from 'kysely';

// A brand is heard through several queries (product names, hashtags, the shop's handle). Its early
// warning watches all of them together, so a storm spread thinly across queries still shows: an alert
// belongs either to one query or to one brand.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE listening_queries ADD COLUMN brand text CHECK (brand IS NULL OR length(brand) BETWEEN 1 AND 80)`.execute(db);
  await sql`CREATE INDEX listening_queries_brand ON listening_queries (workspace_id, brand) WHERE brand IS NOT NULL`.execute(db);
  await sql`ALTER TABLE listening_alerts ALTER COLUMN query_id DROP NOT NULL, ADD COLUMN brand text, ADD CONSTRAINT listening_alerts_one_series CHECK ((query_id IS NULL) <> (brand IS NULL))`.execute(db);
  await sql`CREATE UNIQUE INDEX listening_alerts_brand_bucket ON listening_alerts (workspace_id, brand, kind, bucket_start) WHERE brand IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS listening_alerts_brand_bucket`.execute(db);
  await sql`DELETE FROM listening_alerts WHERE query_id IS NULL`.execute(db);
  await sql`ALTER TABLE listening_alerts DROP CONSTRAINT IF EXISTS listening_alerts_one_series, DROP COLUMN IF EXISTS brand, ALTER COLUMN query_id SET NOT NULL`.execute(db);
  await sql`DROP INDEX IF EXISTS listening_queries_brand`.execute(db);
  await sql`ALTER TABLE listening_queries DROP COLUMN IF EXISTS brand`.execute(db);
}
