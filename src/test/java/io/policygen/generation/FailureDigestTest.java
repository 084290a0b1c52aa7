package io.policygen.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FailureDigestTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(FailureDigest.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong();
    private final FailureDigest digest = new FailureDigest("poll-failed", nanos::get, Duration.ofMinutes(1), Duration.ofSeconds(20));

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void shouldSayAnOutageOfTenThousandSlotsInAFewLines() {
        // ten thousand slots looking every 4 seconds for 3 minutes of outage, then answered again: 450,000 lines before
        for (int second = 0; second < 180; second += 4) {
            for (int slot = 0; slot < 10_000; slot++) {
                digest.failed(new SlotId(String.format("1%011d", slot), "us-east-1"), "job-" + slot, "Internal server error. Try again.");
            }
            advance(Duration.ofSeconds(4));
        }
        advance(Duration.ofSeconds(10));
        digest.answered();
        assertThat(lines()).as("not yet 20 seconds without a failure").hasSize(3);
        advance(Duration.ofSeconds(10));
        digest.answered();
        digest.answered();

        assertThat(lines()).hasSize(4);
        assertThat(lines().getFirst()).isEqualTo("event=poll-failed account=100000000000 region=us-east-1 jobId=job-0"
                + " detail=\"Internal server error. Try again.\"");
        assertThat(lines().get(1)).startsWith("event=poll-failed-repeatedly slots=10000 failures=150000 seconds=60 latestAccount=100000000000 latestRegion=us-east-1 jobId=job-0 ")
                .endsWith("detail=\"Internal server error. Try again.\"");
        assertThat(lines().getLast()).isEqualTo("event=poll-failed-answered-again slots=10000 failures=450000 seconds=176");
    }

    @Test
    void shouldSayEachStretchOfFailuresApart() {
        SlotId slot = new SlotId("111122223333", "eu-west-1");
        digest.answered();
        digest.failed(slot, null, "first");
        advance(Duration.ofMinutes(2));
        digest.answered();
        advance(Duration.ofHours(1));
        digest.failed(slot, null, "second");

        assertThat(lines()).containsExactly("event=poll-failed account=111122223333 region=eu-west-1 detail=\"first\"",
                "event=poll-failed-answered-again slots=1 failures=1 seconds=0",
                "event=poll-failed account=111122223333 region=eu-west-1 detail=\"second\"");
    }

    @Test
    void shouldSayAStretchStillOpenWhenTheSlotsEndHasEnded() {
        // no slot listed again after a stretch of failed listings: the outage's end went unsaid
        SlotId slot = new SlotId("111122223333", "eu-west-1");
        digest.failed(slot, null, "first");
        advance(Duration.ofSeconds(5));
        digest.failed(slot, null, "second");
        digest.ended();
        digest.ended();

        digest.failed(slot, null, "third");
        advance(Duration.ofSeconds(3));
        digest.answered();
        digest.ended();

        digest.ended();
        assertThat(lines()).containsExactly("event=poll-failed account=111122223333 region=eu-west-1 detail=\"first\"",
                "event=poll-failed-unanswered slots=1 failures=2 seconds=5"
                        + " detail=\"the run's slots ended before a call of this kind answered again\"",
                "event=poll-failed account=111122223333 region=eu-west-1 detail=\"third\"",
                "event=poll-failed-answered-again slots=1 failures=1 seconds=0");
    }
}
