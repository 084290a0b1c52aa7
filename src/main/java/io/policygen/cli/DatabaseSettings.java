package io.policygen.cli;

import io.policygen.run.ExitCode;
import io.policygen.wiring.PropertyOrigin;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code spring.datasource.*} as Spring resolves them for the job, and where the password came from (so that a
 * refused login can say which variable or file to fix, never the password itself).
 */
record DatabaseSettings(String url, String username, String password, String passwordSource) {

    static DatabaseSettings of(Environment environment) {
        String password = resolve(environment, "spring.datasource.password");
        return new DatabaseSettings(resolve(environment, "spring.datasource.url"), resolve(environment, "spring.datasource.username"),
                password, PropertyOrigin.of(environment, "spring.datasource.password").orElse(null));
    }

    /** A ${VARIABLE} that nothing sets is a configuration error naming the setting and the variable. */
    private static String resolve(Environment environment, String name) {
        try {
            return environment.getProperty(name);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCode.BAD_CONFIGURATION, "invalid configuration: " + name + ": " + e.getMessage()
                    + ": set that variable, or give " + name + " another value", e);
        }
    }

    DatabaseSettings requireUrl() {
        if (url == null || url.isBlank()) {
            throw new CommandFailure(ExitCode.BAD_CONFIGURATION, "no database: spring.datasource.url is not set; give it as"
                    + " --spring.datasource.url=jdbc:postgresql://HOST:5432/DB, as SPRING_DATASOURCE_URL, or in the file named by"
                    + " --spring.config.additional-location (see config/application.example.yml)", null);
        }
        return this;
    }

    /** The URL to print: a password given in it as {@code password=...} is masked. */
    String safeUrl() {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    String user() {
        return username == null ? "(none: spring.datasource.username is not set)" : "'" + username + "'";
    }

    /** A plain JDBC data source: one connection at a time, no pool. */
    DataSource dataSource() {
        return new DriverManagerDataSource(url, username, password);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + safeUrl() + ", username=" + username + "]";
    }
}
