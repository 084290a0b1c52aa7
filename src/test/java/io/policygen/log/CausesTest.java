package io.policygen.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void shouldFindTheOutermostCauseOfTheTypeThatPassesTheTest() {
        SQLException inner = new SQLException("relation exists", "42P07");
        SQLException outer = new SQLException("statement failed", "XX000", inner);
        RuntimeException wrapper = new RuntimeException("migration failed", outer);

        assertThat(Causes.find(wrapper, SQLException.class, sql -> true)).containsSame(outer);
        assertThat(Causes.find(wrapper, SQLException.class, sql -> "42P07".equals(sql.getSQLState()))).containsSame(inner);
        assertThat(Causes.find(wrapper, SQLException.class, sql -> "08006".equals(sql.getSQLState()))).isEmpty();
        assertThat(Causes.find(wrapper, IllegalStateException.class, e -> true)).isEmpty();
        assertThat(Causes.root(wrapper)).isSameAs(inner);
    }

    @Test
    void shouldStopAtAFailureThatIsItsOwnCause() {
        SelfCaused self = new SelfCaused();

        assertThat(Causes.find(new RuntimeException(self), IllegalStateException.class, e -> true)).isEmpty();
        assertThat(Causes.root(self)).isSameAs(self);
    }

    /** Some libraries' exceptions answer getCause() with themselves. */
    private static final class SelfCaused extends RuntimeException {
        @Override
        public synchronized Throwable getCause() {
            return this;
        }
    }
}
