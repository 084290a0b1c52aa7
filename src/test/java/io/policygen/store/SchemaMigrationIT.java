package io.policygen.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.log.Causes;
import io.policygen.store.SchemaMigration.SchemaNeedsAPersonException;
import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
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

        jobsMigration(database).run(context -> assertThat(context).hasNotFailed());

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

    @Test
    void shouldNameTheMigrationAnEarlierBuildLeftAppliedButUnrecordedAndMigrateOnceItsObjectsAreDropped() {
        TestDatabase database = TestPostgres.emptyDatabase(SchemaMigrationIT.class);
        // the schema as a build of V8's time left it: this build's report views name columns of later versions
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations(TestPostgres.migrationLocations()[0]).target("8").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        // what V9 creates first, as a run killed after V9's commit and before its history row's left it
        jdbc.sql("create index batch_step_execution_job_step on batch_step_execution (job_execution_id, step_name)").update();

        assertMigrationFails(database, "the database's schema is half-migrated:"
                + " V9__spring_batch_step_indexes.sql failed: ERROR: relation \"batch_step_execution_job_step\" already"
                + " exists; flyway_schema_history does not record it, so an earlier run was stopped between applying it and"
                + " recording it. Drop what V9__spring_batch_step_indexes.sql creates that exists already, then run again");

        jdbc.sql("drop index batch_step_execution_job_step").update();
        jobsMigration(database).run(context -> assertThat(context).hasNotFailed());
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where version = '9' and success").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseASchemaAnotherApplicationHoldsAndMigrateIntoASchemaOfItsOwnBeside() {
        TestDatabase shared = TestPostgres.emptyDatabase(SchemaMigrationIT.class);
        JdbcClient jdbc = JdbcClient.create(shared.dataSource());
        jdbc.sql("create table orders (id int primary key)").update();
        jdbc.sql("create view open_orders as select id from orders").update();

        assertMigrationFails(shared, "the database's schema \"public\" is not policygen's: it holds open_orders, orders but"
                + " no flyway_schema_history, and policygen changed nothing in it. Give policygen an empty database of its own,"
                + " or a schema of its own in this one: add ?currentSchema=policygen to spring.datasource.url (the first run"
                + " creates it)");
        assertThat(jdbc.sql("select table_name from information_schema.tables where table_schema = 'public' order by 1")
                .query(String.class).list()).containsExactly("open_orders", "orders");

        String ownSchemaUrl = shared.url() + (shared.url().contains("?") ? "&" : "?") + "currentSchema=policygen";
        TestDatabase ownSchema = new TestDatabase(shared.name(), ownSchemaUrl, shared.user(), shared.password());
        jobsMigration(ownSchema).run(context -> assertThat(context).hasNotFailed());
        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_schema = 'policygen'"
                + " and table_name in ('principal', 'generation', 'batch_job_execution', 'flyway_schema_history')")
                .query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select table_name from information_schema.tables where table_schema = 'public' order by 1")
                .query(String.class).list()).containsExactly("open_orders", "orders");
    }

    private static void assertMigrationFails(TestDatabase database, String message) {
        jobsMigration(database).run(context -> {
            assertThat(context).hasFailed();
            assertThat(Causes.find(context.getStartupFailure(), SchemaNeedsAPersonException.class, schema -> true))
                    .as("the failure's causes").get().extracting(Throwable::getMessage).isEqualTo(message);
        });
    }

    /** Boot's Flyway as the job starts it: the shipped application.properties and policygen's migration strategy. */
    private static ApplicationContextRunner jobsMigration(TestDatabase database) {
        return new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
                .withBean(SchemaMigration.class)
                .withPropertyValues(database.springProperties());
    }
}
