package io.policygen.store;

import io.policygen.log.Causes;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migrates the database at start-up, but never a schema that is not policygen's (see {@link #someoneElses}), nor one
 * a newer policygen has migrated: Flyway by default ignores migrations it does not know, so an older build (a second
 * host not yet upgraded, a rollback) would run its own statements, and put its own report views back, over a schema it
 * was not written for. Only versioned migrations tell a newer build: one that changed report views alone (repeatable
 * migrations) is not told apart from an older one, and whichever runs puts its own views in place.
 */
public final class SchemaMigration implements FlywayMigrationStrategy {

    /** How Flyway (11) refuses a schema that holds objects and no history; no exception type of its own says so. */
    private static final String NO_HISTORY = "but no schema history table";

    /** PostgreSQL's duplicate_column, duplicate_function, duplicate_schema, duplicate_table, duplicate_object. */
    private static final Set<String> ALREADY_EXISTS = Set.of("42701", "42723", "42P06", "42P07", "42710");

    @Override
    public void migrate(Flyway flyway) {
        MigrationInfo[] all = flyway.info().all();
        List<MigrationInfo> newer = Arrays.stream(all).filter(SchemaMigration::future).toList();
        if (!newer.isEmpty()) {
            String known = Arrays.stream(all).filter(m -> m.getVersion() != null && !future(m))
                    .map(m -> "V" + m.getVersion()).reduce((first, last) -> last).orElse("none");
            throw new SchemaNeedsAPersonException("the database was upgraded by a newer policygen: it has "
                    + newer.stream().map(m -> "V" + m.getVersion() + " (" + m.getDescription() + ")").collect(Collectors.joining(", "))
                    + ", and this build knows migrations up to " + known + "; run that newer policygen (or a later one) against it,"
                    + " never an older one", null);
        }
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw e.getMessage() != null && e.getMessage().contains(NO_HISTORY) ? someoneElses(flyway, e) : halfApplied(flyway, e);
        }
    }

    /**
     * A schema that holds objects but no flyway_schema_history is not policygen's (another application's, in a database
     * they share). Flyway refuses it and advises a baseline, which would record policygen's migrations as applied
     * without creating its tables: the way out is a schema of policygen's own.
     */
    private static RuntimeException someoneElses(Flyway flyway, FlywayException e) {
        JdbcClient database = JdbcClient.create(flyway.getConfiguration().getDataSource());
        String schema = database.sql("select coalesce(cast(? as text), current_schema())")
                .param(flyway.getConfiguration().getDefaultSchema()).query(String.class).single();
        List<String> relations = database.sql("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'm', 'f') order by c.relname")
                .param(schema).query(String.class).list();
        String held = relations.isEmpty() ? "objects" : String.join(", ", relations.subList(0, Math.min(5, relations.size())))
                + (relations.size() > 5 ? " and " + (relations.size() - 5) + " more" : "");
        return new SchemaNeedsAPersonException("the database's schema \"" + schema + "\" is not policygen's: it holds " + held
                + " but no flyway_schema_history, and policygen changed nothing in it. Give policygen an empty database of its"
                + " own, or a schema of its own in this one: add ?currentSchema=policygen to spring.datasource.url (the first"
                + " run creates it)", e);
    }

    /**
     * A migration whose objects exist but which flyway_schema_history does not record: an earlier policygen (Flyway's
     * default lock, which recorded a migration on a second connection) killed between the two commits left it so,
     * and every run fails the same way until someone drops what it made. Any other failure is passed on as it is.
     */
    private static RuntimeException halfApplied(Flyway flyway, FlywayException e) {
        SQLException duplicate = Causes.find(e, SQLException.class, sql -> ALREADY_EXISTS.contains(sql.getSQLState())).orElse(null);
        if (duplicate == null) {
            return e;
        }
        return Arrays.stream(flyway.info().pending()).findFirst()
                .<RuntimeException>map(failed -> new SchemaNeedsAPersonException("the database's schema is half-migrated: "
                        + failed.getScript() + " failed: " + duplicate.getMessage() + "; flyway_schema_history does not record"
                        + " it, so an earlier run was stopped between applying it and recording it. Drop what "
                        + failed.getScript() + " creates that exists already, then run again", e))
                .orElse(e);
    }

    private static boolean future(MigrationInfo migration) {
        return migration.getState() == MigrationState.FUTURE_SUCCESS || migration.getState() == MigrationState.FUTURE_FAILED;
    }

    /**
     * The database's schema is one this build must not or cannot migrate (a newer policygen's, or a migration applied
     * but not recorded): a person mends it (exit 2), a retry cannot.
     */
    public static final class SchemaNeedsAPersonException extends RuntimeException {
        SchemaNeedsAPersonException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
