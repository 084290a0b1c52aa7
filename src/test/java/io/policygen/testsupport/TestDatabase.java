package io.policygen.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One test class's own PostgreSQL database, migrated by Flyway; see {@link TestPostgres}.
 *
 * @param name the database's name, unique on its server
 * @param url its JDBC URL, without credentials
 * @param user a user that owns it
 * @param password that user's password
 */
public record TestDatabase(String name, String url, String user, String password) {

    private static final Map<TestDatabase, DataSource> DATA_SOURCES = new ConcurrentHashMap<>();

    /**
     * This database's unpooled data source: every {@code getConnection()} opens a new connection. Every call returns
     * the same instance, because Spring binds a transaction's connection to the data source instance: a
     * {@code JdbcTemplate} and a transaction manager built on two instances would run the template's statements
     * outside the transaction.
     */
    public DataSource dataSource() {
        return DATA_SOURCES.computeIfAbsent(this, database -> {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(url);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        });
    }

    /**
     * {@code spring.datasource.url/username/password} for this database, as
     * {@code ApplicationContextRunner.withPropertyValues(...)} takes them.
     */
    public String[] springProperties() {
        return new String[] {
            "spring.datasource.url=" + url,
            "spring.datasource.username=" + user,
            "spring.datasource.password=" + password,
        };
    }

    @Override
    public String toString() {
        return "database " + name + " at " + url; // never the password
    }
}
