package io.policygen.throttle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Client-side call rates, per operation: per account, and over all accounts together (calls per second). */
@ConfigurationProperties("policygen.throttle")
public record ThrottleProperties(
        @DefaultValue("5") double perAccountRate,
        @DefaultValue("500") double overallRate) {
}
