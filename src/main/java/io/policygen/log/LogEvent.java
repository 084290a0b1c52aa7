package io.policygen.log;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log event of the job (generation-started, account-deferred, ...): its name and fields as SLF4J key-value pairs,
 * which Spring Boot's structured logging ({@code logging.structured.format.console=ecs} or {@code logstash}) writes
 * as JSON fields, and the same as a readable message for the plain console:
 * {@code event=account-deferred account=111122223333 region=us-east-1 outcome=QUOTA_STOPPED reason="..."}.
 * Field names never clash with the formats' own members ({@code message}, {@code error}, {@code log}).
 *
 * <pre>{@code LogEvent.info(log, "account-deferred").with(slot.id()).with("outcome", outcome).quoted("reason", why).log();}</pre>
 */
public final class LogEvent {

    private final LoggingEventBuilder builder;
    private final StringBuilder text;

    private LogEvent(Logger logger, Level level, String event) {
        boolean enabled = logger.isEnabledForLevel(level);
        this.builder = enabled ? logger.atLevel(level).addKeyValue("event", event) : null;
        this.text = enabled ? new StringBuilder("event=").append(event) : null;
    }

    public static LogEvent debug(Logger logger, String event) {
        return new LogEvent(logger, Level.DEBUG, event);
    }

    public static LogEvent info(Logger logger, String event) {
        return new LogEvent(logger, Level.INFO, event);
    }

    public static LogEvent warn(Logger logger, String event) {
        return new LogEvent(logger, Level.WARN, event);
    }

    public static LogEvent error(Logger logger, String event) {
        return new LogEvent(logger, Level.ERROR, event);
    }

    /** {@code key=value}; numbers and booleans stay numbers and booleans in JSON, anything else is its text. */
    public LogEvent with(String key, Object value) {
        return add(key, value, false);
    }

    /** {@code key="value"}: free text (an AWS error message, a reason) that may hold spaces. */
    public LogEvent quoted(String key, Object value) {
        return add(key, value, true);
    }

    /** The fields of something that names where the event happened (an account and Region). */
    public LogEvent with(LogFields fields) {
        fields.addTo(this);
        return this;
    }

    /** The exception, with its stack trace: the console's trace, the JSON's {@code error.stack_trace}. */
    public LogEvent cause(Throwable cause) {
        if (builder != null) {
            builder.setCause(cause);
        }
        return this;
    }

    public void log() {
        if (builder != null) {
            builder.setMessage(text.toString()).log();
        }
    }

    private LogEvent add(String key, Object value, boolean quoted) {
        if (builder != null) {
            Object field = value instanceof Number || value instanceof Boolean || value == null ? value : value.toString();
            builder.addKeyValue(key, field);
            text.append(' ').append(key).append('=');
            if (quoted) {
                text.append('"').append(value).append('"');
            } else {
                text.append(value);
            }
        }
        return this;
    }
}
