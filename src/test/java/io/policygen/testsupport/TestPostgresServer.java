package io.policygen.testsupport;

import io.policygen.local.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of this test JVM, chosen once: the one named by
 * {@code POLICYGEN_TEST_DB_URL}, else a Testcontainers {@code postgres:17-alpine} when a
 * Docker daemon answers, else an embedded server ({@link EmbeddedDatabase}). It hands out
 * fresh, migrated databases. Tests use it through {@link TestPostgres}.
 */
abstract sealed class TestPostgresServer {

    static final String URL_VARIABLE = "POLICYGEN_TEST_DB_URL";
    static final String USER_VARIABLE = "POLICYGEN_TEST_DB_USER";
    static final String PASSWORD_VARIABLE = "POLICYGEN_TEST_DB_PASSWORD";

    private static final Logger log = LoggerFactory.getLogger(TestPostgresServer.class);
    private static final AtomicInteger databaseCounter = new AtomicInteger();

    /**
     * Spring's test context cache keeps up to 32 contexts open, each with a Hikari pool of
     * 10 connections by default, and a partitioned job may use more: PostgreSQL's default
     * of 100 would run out.
     */
    static final int MAX_CONNECTIONS = 500;

    /** The Flyway migrations that ship in the jar; the job applies the same at start-up (spring.flyway.locations). */
    static final String[] MIGRATIONS = {"classpath:db/migration", "classpath:db/reports"};

    private static TestPostgresServer instance;

    static synchronized TestPostgresServer get() {
        if (instance == null) {
            instance = choose();
            log.info("integration tests use {}", instance);
        }
        return instance;
    }

    private static TestPostgresServer choose() {
        String url = setting(URL_VARIABLE);
        if (url != null) {
            return new External(url, setting(USER_VARIABLE), setting(PASSWORD_VARIABLE));
        }
        if (Docker.answers()) {
            return new Container();
        }
        return new Embedded();
    }

    /** An environment variable, or a system property of the same name ({@code -DPOLICYGEN_TEST_DB_URL=...}). */
    private static String setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value;
    }

    /** Creates a new database, named after {@code testClass}, and applies the migrations. */
    final TestDatabase createDatabase(Class<?> testClass) {
        TestDatabase database = createEmptyDatabase(testClass);
        Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .locations(MIGRATIONS)
                .load()
                .migrate();
        return database;
    }

    /** Creates a new database, named after {@code testClass}, with nothing in it. */
    final TestDatabase createEmptyDatabase(Class<?> testClass) {
        String name = uniqueName(testClass);
        try (Connection connection = DriverManager.getConnection(adminUrl(), user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " on " + this
                    + " (the user needs CREATEDB): " + e.getMessage(), e);
        }
        created(name);
        return new TestDatabase(name, urlOf(name), user(), password());
    }

    /** {@code policygen_<class>_<pid>_<n>}: unique even when several JVMs share a server. */
    private static String uniqueName(Class<?> testClass) {
        String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (simple.length() > 30) {
            simple = simple.substring(0, 30);
        }
        return "policygen_" + simple + "_" + ProcessHandle.current().pid() + "_" + databaseCounter.incrementAndGet();
    }

    /** A database on this server that exists already, to run CREATE DATABASE from. */
    abstract String adminUrl();

    abstract String urlOf(String database);

    abstract String user();

    abstract String password();

    void created(String database) {
    }

    /** A server that someone else runs: databases are dropped at JVM exit. */
    static final class External extends TestPostgresServer {

        private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");

        private final String url;
        private final String user;
        private final String password;
        private final Matcher parts;
        private final Set<String> databases = ConcurrentHashMap.newKeySet();

        External(String url, String user, String password) {
            this.url = url;
            this.user = user == null ? "postgres" : user;
            this.password = password == null ? "" : password;
            this.parts = URL.matcher(url);
            if (!parts.matches()) {
                throw new IllegalStateException(URL_VARIABLE + " must look like"
                        + " jdbc:postgresql://HOST[:PORT]/DATABASE[?PARAMS], not " + url);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(this::dropDatabases, "drop-test-databases"));
        }

        @Override
        String adminUrl() {
            return url;
        }

        @Override
        String urlOf(String database) {
            return parts.group(1) + database + (parts.group(3) == null ? "" : parts.group(3));
        }

        @Override
        String user() {
            return user;
        }

        @Override
        String password() {
            return password;
        }

        @Override
        void created(String database) {
            databases.add(database);
        }

        void dropDatabases() {
            if (databases.isEmpty()) {
                return;
            }
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement()) {
                for (String database : databases) {
                    // FORCE (PostgreSQL 13+): Spring's context cache may still hold connections
                    statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                    databases.remove(database);
                }
            } catch (SQLException e) {
                System.err.println("could not drop test databases " + databases + " on " + url + ": " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "the PostgreSQL server at " + url + " (" + URL_VARIABLE + ")";
        }
    }

    /** One {@code postgres:17-alpine} container per JVM; Testcontainers' Ryuk removes it. */
    static final class Container extends TestPostgresServer {

        private final org.testcontainers.postgresql.PostgreSQLContainer container;

        @SuppressWarnings("resource") // lives as long as the JVM
        Container() {
            container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:17-alpine")
                    .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "max_connections=" + MAX_CONNECTIONS);
            container.start();
        }

        @Override
        String adminUrl() {
            return container.getJdbcUrl();
        }

        @Override
        String urlOf(String database) {
            return "jdbc:postgresql://" + container.getHost() + ":"
                    + container.getMappedPort(org.testcontainers.postgresql.PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database;
        }

        @Override
        String user() {
            return container.getUsername();
        }

        @Override
        String password() {
            return container.getPassword();
        }

        @Override
        public String toString() {
            return "PostgreSQL in a Testcontainers container (" + container.getDockerImageName() + ")";
        }
    }

    /** One embedded server per JVM, started on first use and stopped at JVM exit. */
    static final class Embedded extends TestPostgresServer {

        private final EmbeddedDatabase server;

        Embedded() {
            // stopped, and its directory deleted, by EmbeddedDatabase's shutdown hook
            server = EmbeddedDatabase.builder().durable(false).maxConnections(MAX_CONNECTIONS).start();
        }

        @Override
        String adminUrl() {
            return server.jdbcUrl("postgres");
        }

        @Override
        String urlOf(String database) {
            return server.jdbcUrl(database);
        }

        @Override
        String user() {
            return server.user();
        }

        @Override
        String password() {
            return server.password();
        }

        @Override
        public String toString() {
            return "an embedded PostgreSQL on port " + server.port() + " (no " + URL_VARIABLE + ", no Docker)";
        }
    }

    /**
     * Asking Testcontainers whether Docker answers costs seconds and logs errors when there is
     * no daemon, so it is asked only when some Docker endpoint is configured, and not for long.
     */
    static final class Docker {

        private static final long TIMEOUT_SECONDS = 30;

        static boolean answers() {
            if (!configured()) {
                return false;
            }
            ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "docker-probe");
                thread.setDaemon(true);
                return thread;
            });
            try {
                Future<Boolean> available =
                        executor.submit(() -> org.testcontainers.DockerClientFactory.instance().isDockerAvailable());
                return available.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception | LinkageError e) {
                log.info("Docker did not answer ({}); using embedded PostgreSQL", e.toString());
                return false;
            } finally {
                executor.shutdownNow();
            }
        }

        private static boolean configured() {
            if (setting("DOCKER_HOST") != null || setting("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE") != null) {
                return true;
            }
            Path home = Path.of(System.getProperty("user.home"));
            String runtime = System.getenv("XDG_RUNTIME_DIR");
            List<Path> endpoints = List.of(
                    home.resolve(".testcontainers.properties"),
                    Path.of("/var/run/docker.sock"),
                    home.resolve(".docker/run/docker.sock"),
                    home.resolve(".docker/desktop/docker.sock"),
                    home.resolve(".rd/docker.sock"),
                    home.resolve(".colima/default/docker.sock"),
                    Path.of(runtime == null ? "/nonexistent" : runtime, "docker.sock"),
                    Path.of(runtime == null ? "/nonexistent" : runtime, "podman/podman.sock"));
            return endpoints.stream().anyMatch(Files::exists);
        }
    }
}
