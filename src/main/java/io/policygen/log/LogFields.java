package io.policygen.log;

/** Something whose identity a log event carries as fields of its own, e.g. a slot's account and Region. */
@FunctionalInterface
public interface LogFields {

    void addTo(LogEvent event);
}
