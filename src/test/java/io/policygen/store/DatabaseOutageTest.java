package io.policygen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.store.DatabaseOutage.DatabaseGoneException;
import io.policygen.testsupport.ManualClock;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageTest {

    private final ManualClock ticker = new ManualClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final DatabaseOutage outage = new DatabaseOutage("db.example:5432/policygen", Duration.ofSeconds(90), ticker);
    private final SQLException refused = new SQLException("Connection to db.example:5432 refused.", "08001");

    @Test
    void shouldTellAnUnreachableDatabaseFromAStatementsOwnError() {
        assertThat(DatabaseOutage.isUnreachable(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", refused))).isTrue();
        assertThat(DatabaseOutage.isUnreachable(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseOutage.isUnreachable(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseOutage.isUnreachable(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new CannotGetJdbcConnectionException("I/O error", new SQLException("I/O", "08006")));
        assertThat(DatabaseOutage.isUnreachable(rollback)).as("the failure a failed rollback hides").isTrue();
        assertThat(DatabaseOutage.isUnreachable(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseOutage.isUnreachable(new SQLTransientConnectionException("pool - Connection is not available")))
                .as("a busy pool, the database up").isFalse();
    }

    @Test
    void shouldNotWaitForADatabaseNeverReached() {
        assertThat(outage.unreachable(refused)).as("at start-up an unreachable database fails the start at once").isFalse();
        assertThat(outage.isDown()).isFalse();
    }

    @Test
    void shouldWaitWithinTheToleranceAndForgetTheOutageOnceTheDatabaseAnswers() {
        outage.reachable();

        assertThat(outage.unreachable(refused)).isTrue();
        ticker.advance(Duration.ofSeconds(60));
        assertThat(outage.unreachable(refused)).as("60 s into a 90 s tolerance").isTrue();
        outage.reachable();

        assertThat(outage.isDown()).isFalse();
        ticker.advance(Duration.ofSeconds(60));
        assertThat(outage.unreachable(refused)).as("a new outage counts from its own start").isTrue();
    }

    @Test
    void shouldGiveUpPastTheToleranceTellingTheListenersOnceInOneLineNamingTheDatabaseAndTheCause() {
        List<String> told = new ArrayList<>();
        outage.onGone(told::add);
        outage.reachable();
        outage.unreachable(refused);

        ticker.advance(Duration.ofSeconds(91));

        assertThat(outage.unreachable(refused)).isFalse();
        assertThat(outage.isGone()).isTrue();
        assertThat(told).containsExactly("the database db.example:5432/policygen has been unreachable for more than 90 s"
                + " (policygen.run.database-outage-tolerance): Connection to db.example:5432 refused");
        assertThatThrownBy(outage::failIfGone).isInstanceOf(DatabaseGoneException.class).hasCause(refused);
        outage.unreachable(new SQLException(outage.message(), "08006"));
        assertThat(outage.message()).as("its own failures once gone are not the cause").endsWith(": Connection to db.example:5432 refused");
        outage.reachable();
        assertThat(outage.isGone()).as("gone is for good: the run has stopped").isTrue();
    }
}
