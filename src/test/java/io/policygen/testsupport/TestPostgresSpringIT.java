package io.policygen.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Spring ways to a test database: {@code @DynamicPropertySource} and {@code ApplicationContextRunner}. */
@SpringBootTest(classes = TestPostgresSpringIT.BatchOnly.class)
class TestPostgresSpringIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.registerDataSource(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobRepository jobRepository;

    @Value("${spring.datasource.url}")
    String url;

    @Test
    void shouldPointTheContextAtThisClassDatabase() {
        assertThat(url).isEqualTo(TestPostgres.forClass(TestPostgresSpringIT.class).url())
                .isNotEqualTo(TestPostgres.forClass(TestPostgresIT.class).url());
        assertThat(jdbc.sql("SELECT current_database()").query(String.class).single())
                .startsWith("policygen_testpostgresspringit_");
    }

    @Test
    void shouldKeepTheJobRepositoryInTheFlywayTables() {
        jobRepository.createJobInstance("someJob", new JobParameters());

        assertThat(jdbc.sql("SELECT job_name FROM batch_job_instance").query(String.class).list()).contains("someJob");
    }

    @Test
    void shouldGiveAnApplicationContextRunnerTheClassDatabase() {
        TestDatabase database = TestPostgres.forClass(TestPostgresSpringIT.class);

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
                .withPropertyValues(database.springProperties())
                // the application's locations (application.properties): a Flyway that misses db/reports fails validation
                .withPropertyValues("spring.flyway.locations=" + String.join(",", TestPostgresServer.MIGRATIONS))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Flyway.class);
                    // the test support migrated already; Boot's Flyway finds nothing left to do
                    assertThat(context.getBean(Flyway.class).info().pending()).isEmpty();
                    assertThat(JdbcClient.create(context.getBean(DataSource.class))
                                    .sql("SELECT current_database()").query(String.class).single())
                            .isEqualTo(database.name());
                });
    }

    /** Only what a job repository needs, not the application's own beans. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class BatchOnly {
    }
}
