package io.policygen.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.local.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code POLICYGEN_TEST_DB_URL} path, with an embedded server standing in for someone else's. */
class ExternalTestPostgresIT {

    static EmbeddedDatabase server;

    @BeforeAll
    static void startServer() {
        server = EmbeddedDatabase.builder().durable(false).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldCreateMigratedDatabasesKeepingTheUrlParametersAndDropThem() {
        var external = new TestPostgresServer.External(
                server.jdbcUrl("postgres") + "?ApplicationName=policygen-tests", server.user(), server.password());
        JdbcClient admin = JdbcClient.create(server.dataSource("postgres"));

        TestDatabase database = external.createDatabase(ExternalTestPostgresIT.class);

        assertThat(database.url())
                .isEqualTo(server.jdbcUrl(database.name()) + "?ApplicationName=policygen-tests");
        assertThat(JdbcClient.create(database.dataSource())
                        .sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single())
                .isZero();

        external.dropDatabases();

        assertThat(admin.sql("SELECT count(*) FROM pg_database WHERE datname = ?")
                        .param(database.name()).query(Long.class).single())
                .isZero();
    }

    @Test
    void shouldExplainAUrlItCannotUse() {
        assertThatThrownBy(() -> new TestPostgresServer.External("jdbc:mysql://db/x", null, null))
                .hasMessageContaining("POLICYGEN_TEST_DB_URL must look like jdbc:postgresql://HOST[:PORT]/DATABASE");
    }
}
