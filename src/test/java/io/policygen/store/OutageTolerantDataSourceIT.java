package io.policygen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.policygen.local.EmbeddedDatabase;
import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The pool and the stores' transactions against a real PostgreSQL that is stopped and started again on the same data,
 * as a managed database's failover does, or stopped for good.
 */
class OutageTolerantDataSourceIT {

    @TempDir
    Path data;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private int port;
    private EmbeddedDatabase server;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void startServer() {
        server = EmbeddedDatabase.builder().dataDirectory(data).port(port).durable(false).start();
    }

    private record Stores(DatabaseOutage outage, DatabaseUse use, OwnTransaction tx, JdbcClient jdbc) {
    }

    private Stores stores(Duration tolerance) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://localhost:" + port + "/policygen");
        config.setUsername("postgres");
        config.setPassword("postgres");
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        opened.add(pool);
        DatabaseOutage outage = new DatabaseOutage("localhost:" + port + "/policygen", tolerance, Ticker.SYSTEM);
        DatabaseUse use = new DatabaseUse();
        OutageTolerantDataSource dataSource = new OutageTolerantDataSource(pool, outage, use, tolerance, Ticker.SYSTEM, Sleeper.SYSTEM);
        return new Stores(outage, use, new OwnTransaction(new JdbcTransactionManager(dataSource), outage, Sleeper.SYSTEM),
                JdbcClient.create(dataSource));
    }

    @Test
    void shouldWaitForADatabaseThatComesBackAndGoOn() throws Exception {
        // given
        port = freePort();
        startServer();
        Stores stores = stores(Duration.ofSeconds(60));
        stores.tx().run(() -> stores.jdbc().sql("create table outcome (n int)").update());

        // when: the server stops while work needs it, and comes back
        server.close();
        CompletableFuture<Integer> work = CompletableFuture.supplyAsync(() ->
                stores.tx().get(() -> stores.jdbc().sql("insert into outcome values (1)").update()));
        awaitCondition(() -> stores.outage().isDown(), Duration.ofSeconds(30));
        assertThat(work).isNotDone();
        startServer();

        // then
        assertThat(work.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(stores.tx().get(() -> stores.jdbc().sql("select count(*) from outcome").query(Integer.class).single())).isEqualTo(1);
        assertThat(stores.outage().isDown()).isFalse();
        assertThat(stores.use().statements()).isGreaterThanOrEqualTo(3);
        assertThat(stores.use().commits()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldDoAgainWorkWhoseCommitLostItsConnection() throws Exception {
        // given
        port = freePort();
        startServer();
        Stores stores = stores(Duration.ofSeconds(60));
        stores.tx().run(() -> stores.jdbc().sql("create table outcome (n int)").update());
        AtomicInteger attempts = new AtomicInteger();

        // when: the connection is cut between the work and its commit, as a failover catching a transaction at its end
        // does; the pool closes it, and the rollback after the failed commit fails without saying why
        int inserted = stores.tx().get(() -> {
            int rows = stores.jdbc().sql("insert into outcome values (1)").update();
            if (attempts.incrementAndGet() == 1) {
                terminateBackend(stores.jdbc().sql("select pg_backend_pid()").query(Integer.class).single());
            }
            return rows;
        });

        // then
        assertThat(inserted).isEqualTo(1);
        assertThat(attempts).hasValue(2);
        assertThat(stores.tx().get(() -> stores.jdbc().sql("select count(*) from outcome").query(Integer.class).single())).isEqualTo(1);
    }

    @Test
    void shouldGiveUpPastTheToleranceThenFailAtOnce() {
        // given
        port = freePort();
        startServer();
        Stores stores = stores(Duration.ofSeconds(3));
        List<String> told = new ArrayList<>();
        stores.outage().onGone(told::add);
        stores.tx().run(() -> stores.jdbc().sql("select 1").query(Integer.class).single());

        // when
        server.close();
        server = null;
        long start = System.nanoTime();
        assertThatThrownBy(() -> stores.tx().run(() -> stores.jdbc().sql("select 1").query(Integer.class).single()));
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        assertThatThrownBy(() -> stores.tx().run(() -> stores.jdbc().sql("select 1").query(Integer.class).single()));
        long secondMillis = (System.nanoTime() - start) / 1_000_000;

        // then
        assertThat(firstMillis).as("waited for the tolerance, not more than a connection timeout past it").isBetween(3_000L, 6_000L);
        assertThat(secondMillis).as("gone: no wait at all").isLessThan(500L);
        assertThat(told).singleElement().asString().contains("localhost:" + port + "/policygen").contains("refused");
    }

    @Test
    void shouldFailAtOnceWhenTheDatabaseWasNeverReached() {
        port = freePort();
        Stores stores = stores(Duration.ofSeconds(60));

        long start = System.nanoTime();
        assertThatThrownBy(() -> stores.tx().run(() -> stores.jdbc().sql("select 1").query(Integer.class).single()));

        assertThat((System.nanoTime() - start) / 1_000_000).as("one connection timeout, not the tolerance").isLessThan(10_000L);
    }

    private static void awaitCondition(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", timeout).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private void terminateBackend(int pid) {
        try (Connection other = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/policygen", "postgres", "postgres");
             Statement statement = other.createStatement()) {
            // waits until the backend is gone (PostgreSQL 14)
            statement.execute("select pg_terminate_backend(" + pid + ", 10000)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
