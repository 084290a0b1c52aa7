package io.policygen.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of one run. Past {@code maxDuration} no generation is started; those in flight are settled next run.
 * A failed or stopped run younger than {@code restartWithin} is restarted where it stopped; an older one is
 * abandoned and a fresh run (which rediscovers the organization) starts instead. The progress line comes every
 * {@code progressInterval}, as a log-friendly line, or rewriting one terminal line with {@code progressSameLine}.
 * A database that goes away mid-run (a managed PostgreSQL's failover takes tens of seconds) is waited for up to
 * {@code databaseOutageTolerance}; past it the run ends (exit 1) and the next one finishes the work.
 */
@ConfigurationProperties("policygen.run")
public record RunProperties(
        @DefaultValue("PT8H") Duration maxDuration,
        @DefaultValue("PT30S") Duration progressInterval,
        @DefaultValue("false") boolean progressSameLine,
        @DefaultValue("PT12H") Duration restartWithin,
        @DefaultValue("PT90S") Duration databaseOutageTolerance) {
}
