package io.policygen.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PostgreSQL for the scripts (bench, chaos) on a machine that has nothing but a JDK, and a way to query it
 * without psql. Run through Spring Boot's {@code PropertiesLauncher}:
 *
 * <pre>{@code
 * java -cp target/policygen.jar -Dloader.main=io.policygen.local.DatabaseTool \
 *     org.springframework.boot.loader.launch.PropertiesLauncher serve DATA_DIR PORT [APP_USER PASSWORD_FILE]
 * ... PropertiesLauncher query JDBC_URL 'select ...' ['select ...' ...]   one JSON array of rows per statement
 * ... PropertiesLauncher copy-bench JDBC_URL                                COPY the principal table into a copy
 * }</pre>
 *
 * {@code serve} starts an {@link EmbeddedDatabase} (durable) on DATA_DIR and PORT, prints {@code ready JDBC_URL}
 * and runs until SIGTERM, which stops the server. With APP_USER it creates that login role with the password in
 * PASSWORD_FILE and makes loopback connections as that role authenticate with SCRAM, so that a run really uses a
 * password (the superuser stays on trust, as zonky's start-up check needs it). {@code query} and {@code copy-bench}
 * connect as {@code postgres}.
 */
public final class DatabaseTool {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DatabaseTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DatabaseTool serve DATA_DIR PORT [APP_USER PASSWORD_FILE] | query URL SQL... | copy-bench URL");
            System.exit(2);
        }
        switch (args[0]) {
            case "serve" -> serve(args);
            case "query" -> query(args);
            case "copy-bench" -> copyBench(args[1]);
            default -> {
                System.err.println("DatabaseTool: unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    private static void serve(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        EmbeddedDatabase database = EmbeddedDatabase.builder().dataDirectory(data).port(Integer.parseInt(args[2])).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            database.close();
            stopped.countDown();
        }));
        if (args.length >= 5) {
            String user = args[3];
            String password = Files.readString(Path.of(args[4])).strip();
            try (Connection connection = database.dataSource("postgres").getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("set log_statement = 'none'");
                try (ResultSet exists = statement.executeQuery("select 1 from pg_roles where rolname = '" + user + "'")) {
                    if (!exists.next()) {
                        statement.execute("create role " + user + " login createdb");
                    }
                }
                statement.execute("set password_encryption = 'scram-sha-256'");
                statement.execute("alter role " + user + " password '" + password.replace("'", "''") + "'");
                Path hba = data.resolve("pg_hba.conf");
                String rules = Files.readString(hba);
                String scram = "host all " + user + " 127.0.0.1/32 scram-sha-256\nhost all " + user + " ::1/128 scram-sha-256\n";
                if (!rules.startsWith(scram)) {
                    Files.writeString(hba, scram + rules, StandardOpenOption.TRUNCATE_EXISTING);
                }
                statement.execute("select pg_reload_conf()");
            }
        }
        System.out.println("ready " + database.jdbcUrl());
        System.out.flush();
        stopped.await();
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    private static void query(String[] args) throws SQLException {
        try (Connection connection = connect(args[1]); Statement statement = connection.createStatement()) {
            for (int i = 2; i < args.length; i++) {
                List<List<String>> rows = new ArrayList<>();
                if (statement.execute(args[i])) {
                    try (ResultSet result = statement.getResultSet()) {
                        int columns = result.getMetaData().getColumnCount();
                        while (result.next()) {
                            List<String> row = new ArrayList<>(columns);
                            for (int c = 1; c <= columns; c++) {
                                row.add(result.getString(c));
                            }
                            rows.add(row);
                        }
                    }
                }
                System.out.println(JSON.writeValueAsString(rows));
            }
        }
    }

    /**
     * The raw PostgreSQL rate for the rows discovery wrote: COPY the {@code principal} table out to a file (not
     * timed), then COPY it into an empty table of the same shape, its indexes included, and print
     * {@code rows seconds}.
     */
    private static void copyBench(String url) throws Exception {
        Path file = Files.createTempFile("policygen-principal", ".copy");
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (OutputStream out = Files.newOutputStream(file)) {
                copy.copyOut("copy principal to stdout", out);
            }
            statement.execute("drop table if exists bench_principal_raw");
            statement.execute("create table bench_principal_raw (like principal including all)");
            long start = System.nanoTime();
            long rows;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
                rows = copy.copyIn("copy bench_principal_raw from stdin", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("drop table bench_principal_raw");
            System.out.printf("%d %.3f%n", rows, seconds);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
