package io.policygen.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogEventTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("io.policygen.log.LogEventTest");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    @Test
    void shouldCarryTheEventAsFieldsAndAsTheReadableLineOfThePlainConsole() {
        LogEvent.info(logger, "account-deferred").with(event -> event.with("account", "111122223333").with("region", "us-east-1"))
                .with("outcome", Outcome.QUOTA_STOPPED).with("days", 45).quoted("reason", "daily quota of 50 reached").log();

        ILoggingEvent event = appender.list.getFirst();
        assertThat(event.getFormattedMessage()).isEqualTo("event=account-deferred account=111122223333 region=us-east-1"
                + " outcome=QUOTA_STOPPED days=45 reason=\"daily quota of 50 reached\"");
        assertThat(fields(event)).containsExactly(Map.entry("event", "account-deferred"), Map.entry("account", "111122223333"),
                Map.entry("region", "us-east-1"), Map.entry("outcome", "QUOTA_STOPPED"), Map.entry("days", 45),
                Map.entry("reason", "daily quota of 50 reached"));
    }

    @Test
    void shouldKeepNumbersAndBooleansAndGiveAnythingElseAsText() {
        LogEvent.warn(logger, "e").with("count", 3L).with("complete", true).with("outcome", Outcome.QUOTA_STOPPED).log();

        assertThat(fields(appender.list.getFirst())).containsEntry("count", 3L).containsEntry("complete", true)
                .containsEntry("outcome", "QUOTA_STOPPED");
    }

    @Test
    void shouldAttachTheCause() {
        IllegalStateException failure = new IllegalStateException("boom");

        LogEvent.error(logger, "run-failed").with("run", 7).cause(failure).log();

        assertThat(appender.list.getFirst().getThrowableProxy().getMessage()).isEqualTo("boom");
        assertThat(appender.list.getFirst().getFormattedMessage()).isEqualTo("event=run-failed run=7");
    }

    @Test
    void shouldLogNothingBelowTheLoggersLevel() {
        LogEvent.debug(logger, "generation-started").with("jobId", "j-1").log();

        assertThat(appender.list).isEmpty();
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        event.getKeyValuePairs().forEach(pair -> fields.put(pair.key, pair.value));
        return fields;
    }

    private enum Outcome { QUOTA_STOPPED }
}
