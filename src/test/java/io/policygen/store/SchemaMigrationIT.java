package io.policygen.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The job's own schema migration (Boot's Flyway with the shipped application.properties) on an empty database. A
 * migration must be recorded in the transaction that applies it: a run killed between two commits would otherwise
 * leave it applied but unrecorded, and every later run would fail applying it again ("relation ... already exists",
 * seen in chaos.sh's kill -9).
 */
class SchemaMigrationIT {

    @Test
    void shouldRecordEachMigrationInTheTransactionThatAppliesIt() {
        TestDatabase database = TestPostgres.emptyDatabase(SchemaMigrationIT.class);

        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
                .withPropertyValues(database.springProperties())
                .run(context -> assertThat(context).hasNotFailed());

        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        // an index each of these migrations creates, which no later one changes; xmin is the id of the transaction
        // that wrote a row: the index's pg_class row and the migration's history row
        String[][] created = {{"2", "generation_open"}, {"4", "generation_run"}, {"8", "principal_gap_grant"},
                {"9", "batch_step_execution_job_step"}, {"13", "principal_account_iam_id"}};
        for (String[] migration : created) {
            String historyTransaction = jdbc.sql("select xmin::text from flyway_schema_history where version = ? and success")
                    .param(migration[0]).query(String.class).single();
            String indexTransaction = jdbc.sql("select xmin::text from pg_class where relname = ?")
                    .param(migration[1]).query(String.class).single();
            assertThat(historyTransaction).as("V%s's history row and its index %s", migration[0], migration[1])
                    .isEqualTo(indexTransaction);
        }
    }
}
