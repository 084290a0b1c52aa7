package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V13 moves each principal's use out of its row into {@code principal_use}: a database a night of V12 filled keeps
 * every principal's use, and the halves of its content hash go where each is compared, so that the next night
 * writes nothing that did not change.
 */
@ExtendWith(TestPostgres.class)
class PrincipalUseMigrationIT {

    private static final String SCHEMA = "upgraded_from_v12";

    @Test
    void shouldMoveEachPrincipalsUseToItsOwnTableAndSplitItsContentHash(TestDatabase database) {
        String url = database.url() + "?currentSchema=" + SCHEMA;
        migrate(database, url, "12", "classpath:db/migration");
        try (SingleConnectionDataSource connection = new SingleConnectionDataSource(url, database.user(), database.password(), true)) {
            JdbcClient jdbc = JdbcClient.create(connection);
            jdbc.sql("insert into account (account_id, state, first_seen_at, last_seen_at) values ('111122223333', 'ACTIVE', now(), now())")
                    .update();
            jdbc.sql("""
                    insert into principal (account_id, principal_arn, principal_type, name, path, first_seen_at, changed_at,
                                           changed_run_id, iam_id, last_used_at, last_used_source, last_use_known, fingerprint,
                                           eligibility, eligibility_reason, content_hash)
                    values ('111122223333', 'arn:aws:iam::111122223333:role/app', 'ROLE', 'app', '/', now(), '2026-11-20T01:00:00Z',
                            7, 'AROAAPP', '2026-11-19T07:30:00Z', 'RoleLastUsed', true, 'print', 'ELIGIBLE', 'used', 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb'),
                           ('111122223333', 'arn:aws:iam::111122223333:role/legacy', 'ROLE', 'legacy', '/', now(), now(),
                            null, null, null, null, false, null, null, null, null)""").update();

            migrate(database, url, null, "classpath:db/migration", "classpath:db/reports");

            assertThat(jdbc.sql("""
                    select iam_id, last_used_at = '2026-11-19T07:30:00Z'::timestamptz as used_kept, last_used_source, last_use_known,
                           fingerprint, eligibility, eligibility_reason, use_hash, changed_run_id,
                           changed_at = '2026-11-20T01:00:00Z'::timestamptz as changed_kept
                    from principal_use""").query().listOfRows()).containsExactly(Map.of(
                    "iam_id", "AROAAPP", "used_kept", true, "last_used_source", "RoleLastUsed", "last_use_known", true,
                    "fingerprint", "print", "eligibility", "ELIGIBLE", "eligibility_reason", "used",
                    "use_hash", "bbbbbbbbbbbbbbbb", "changed_run_id", 7L, "changed_kept", true));
            assertThat(jdbc.sql("select content_hash from principal where iam_id = 'AROAAPP'").query(String.class).single())
                    .isEqualTo("aaaaaaaaaaaaaaaa");
            // the row without an IAM id reads as never assessed, as before: eligible, in every report
            assertThat(jdbc.sql("select principal_arn, status from report_principal_status order by principal_arn").query().listOfRows())
                    .containsExactly(Map.of("principal_arn", "arn:aws:iam::111122223333:role/app", "status", "NEVER"),
                            Map.of("principal_arn", "arn:aws:iam::111122223333:role/legacy", "status", "NEVER"));
        }
    }

    private static void migrate(TestDatabase database, String url, String target, String... locations) {
        var flyway = Flyway.configure().dataSource(url, database.user(), database.password()).schemas(SCHEMA).locations(locations);
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }
}
