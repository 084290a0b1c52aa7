package io.policygen.store;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the database at start-up, but never one a newer policygen has migrated: Flyway by default ignores
 * migrations it does not know, so an older build (a second host not yet upgraded, a rollback) would run its own
 * statements, and put its own report views back, over a schema it was not written for. Only versioned migrations
 * tell a newer build: one that changed report views alone (repeatable migrations) is not told apart from an older one,
 * and whichever runs puts its own views in place.
 */
public final class SchemaMigration implements FlywayMigrationStrategy {

    @Override
    public void migrate(Flyway flyway) {
        MigrationInfo[] all = flyway.info().all();
        List<MigrationInfo> newer = Arrays.stream(all).filter(SchemaMigration::future).toList();
        if (!newer.isEmpty()) {
            String known = Arrays.stream(all).filter(m -> m.getVersion() != null && !future(m))
                    .map(m -> "V" + m.getVersion()).reduce((first, last) -> last).orElse("none");
            throw new NewerSchemaException("the database was upgraded by a newer policygen: it has "
                    + newer.stream().map(m -> "V" + m.getVersion() + " (" + m.getDescription() + ")").collect(Collectors.joining(", "))
                    + ", and this build knows migrations up to " + known + "; run that newer policygen (or a later one) against it,"
                    + " never an older one");
        }
        flyway.migrate();
    }

    private static boolean future(MigrationInfo migration) {
        return migration.getState() == MigrationState.FUTURE_SUCCESS || migration.getState() == MigrationState.FUTURE_FAILED;
    }

    /** The database's schema is a newer policygen's: a configuration to mend (exit 2), not a failure a retry cures. */
    public static final class NewerSchemaException extends RuntimeException {
        NewerSchemaException(String message) {
            super(message);
        }
    }
}
