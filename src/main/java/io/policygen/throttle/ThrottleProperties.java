package io.policygen.throttle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Client-side call rates, per operation: per account, and over all accounts together (calls per second). AWS's rate
 * quotas are per account (the calls are made in each member account, with its role); the overall rate caps what the
 * job sends in all, so that it stays within what the network between it and AWS carries. At 2,000 a second ten thousand
 * slots (5,000 accounts in two Regions) start their first generation within 5 s; at 500 they needed 20 s.
 */
@ConfigurationProperties("policygen.throttle")
public record ThrottleProperties(
        @DefaultValue("5") double perAccountRate,
        @DefaultValue("2000") double overallRate) {
}
