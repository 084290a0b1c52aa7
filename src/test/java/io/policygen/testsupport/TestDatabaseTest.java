package io.policygen.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    private final TestDatabase database =
            new TestDatabase("policygen_x_1_1", "jdbc:postgresql://localhost:5432/policygen_x_1_1", "postgres", "s3cret");

    @Test
    void shouldGiveSpringTheDatasourceProperties() {
        assertThat(database.springProperties()).containsExactly(
                "spring.datasource.url=jdbc:postgresql://localhost:5432/policygen_x_1_1",
                "spring.datasource.username=postgres",
                "spring.datasource.password=s3cret");
    }

    @Test
    void shouldNotShowThePasswordInTestOutput() {
        assertThat(database.toString()).contains("policygen_x_1_1").doesNotContain("s3cret");
    }
}
