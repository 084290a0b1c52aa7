package io.policygen.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

@ExtendWith(TestPostgres.class)
class TestPostgresIT {

    @Test
    void shouldApplyTheSpringBatchMigration(TestDatabase database) {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());

        assertThat(jdbc.sql("SELECT to_regclass('batch_job_instance') IS NOT NULL").query(Boolean.class).single())
                .isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM batch_job_instance").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                        .query(String.class).list())
                .startsWith("1");
    }

    @Test
    void shouldConnectToADatabaseNamedAfterTheTestClass(TestDatabase database, DataSource dataSource) {
        String connectedTo = JdbcClient.create(dataSource).sql("SELECT current_database()").query(String.class).single();

        assertThat(connectedTo).isEqualTo(database.name()).startsWith("policygen_testpostgresit_");
        assertThat(database.url()).endsWith("/" + database.name());
    }

    @Test
    void shouldGiveEveryTestOfTheClassTheSameDatabase(TestDatabase database) {
        assertThat(TestPostgres.forClass(TestPostgresIT.class)).isEqualTo(database);
    }

    @Test
    void shouldGiveAnotherTestClassAnotherDatabase(TestDatabase database) {
        TestDatabase other = TestPostgres.forClass(AnotherTestClass.class);
        JdbcClient mine = JdbcClient.create(database.dataSource());
        JdbcClient theirs = JdbcClient.create(other.dataSource());

        mine.sql("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (1, 0, 'mine', 'k')")
                .update();

        assertThat(other.name()).isNotEqualTo(database.name());
        assertThat(theirs.sql("SELECT count(*) FROM batch_job_instance").query(Long.class).single()).isZero();
        mine.sql("DELETE FROM batch_job_instance").update();
    }

    @Nested
    class WhenNested {

        @Test
        void shouldShareTheEnclosingClassDatabase(TestDatabase database) {
            assertThat(database).isEqualTo(TestPostgres.forClass(TestPostgresIT.class));
        }
    }

    /** Stands for any other test class. */
    static class AnotherTestClass {
    }
}
