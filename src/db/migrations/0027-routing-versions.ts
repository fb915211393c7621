import { type Kysely, sql } from 'kysely';

// Routing keeps each workspace's online agents, their teams and the teams' modes in memory between
// rounds. Every process may change what that snapshot is made of, so PostgreSQL itself counts the
// changes: a trigger on each feeding table bumps the workspace's routing version in the same
// transaction, and a round reloads the snapshot whenever the version it reads differs from its copy.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE routing_versions (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces ON DELETE CASCADE,
      version bigint NOT NULL DEFAULT 1
    )`.execute(db);
  // A workspace being deleted has no row left to count for, so its cascading deletes bump nothing.
  await sql`
    CREATE FUNCTION bump_routing_version(ws uuid) RETURNS void LANGUAGE sql AS $$
      INSERT INTO routing_versions (workspace_id) SELECT id FROM workspaces WHERE id = ws
      ON CONFLICT (workspace_id) DO UPDATE SET version = routing_versions.version + 1
    $$`.execute(db);
  await sql`
    CREATE FUNCTION routing_version_by_workspace() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN PERFORM bump_routing_version(OLD.workspace_id); END IF;
      IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.workspace_id IS DISTINCT FROM OLD.workspace_id) THEN PERFORM bump_routing_version(NEW.workspace_id); END IF;
      RETURN NULL;
    END $$`.execute(db);
  // Memberships name their team, which names the workspace; a team deleted with its members bumps the version itself.
  await sql`
    CREATE FUNCTION routing_version_by_team() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN PERFORM bump_routing_version(t.workspace_id) FROM teams t WHERE t.id = OLD.team_id; END IF;
      IF TG_OP <> 'DELETE' THEN PERFORM bump_routing_version(t.workspace_id) FROM teams t WHERE t.id = NEW.team_id; END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER agent_profiles_routing_version AFTER INSERT OR UPDATE OR DELETE ON agent_profiles FOR EACH ROW EXECUTE FUNCTION routing_version_by_workspace()`.execute(db);
  await sql`CREATE TRIGGER users_routing_version AFTER INSERT OR DELETE OR UPDATE OF role, disabled_at, workspace_id ON users FOR EACH ROW EXECUTE FUNCTION routing_version_by_workspace()`.execute(db);
  await sql`CREATE TRIGGER teams_routing_version AFTER INSERT OR DELETE OR UPDATE OF routing_mode, workspace_id ON teams FOR EACH ROW EXECUTE FUNCTION routing_version_by_workspace()`.execute(db);
  await sql`CREATE TRIGGER team_members_routing_version AFTER INSERT OR UPDATE OR DELETE ON team_members FOR EACH ROW EXECUTE FUNCTION routing_version_by_team()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS team_members_routing_version ON team_members`.execute(db);
  await sql`DROP TRIGGER IF EXISTS teams_routing_version ON teams`.execute(db);
  await sql`DROP TRIGGER IF EXISTS users_routing_version ON users`.execute(db);
  await sql`DROP TRIGGER IF EXISTS agent_profiles_routing_version ON agent_profiles`.execute(db);
  await sql`DROP FUNCTION IF EXISTS routing_version_by_team(), routing_version_by_workspace(), bump_routing_version(uuid)`.execute(db);
  await sql`DROP TABLE IF EXISTS routing_versions`.execute(db);
}
