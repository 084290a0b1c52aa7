package io.policygen.aws;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How policygen reaches AWS. {@code endpoint} is unset for AWS and the simulator's URL otherwise.
 * The SDK has no default for either call timeout, so both are set here.
 */
@ConfigurationProperties("policygen.aws")
public record AwsProperties(
        @DefaultValue("us-east-1") String region,
        URI endpoint,
        @DefaultValue("PT2M") Duration apiCallTimeout,
        @DefaultValue("PT30S") Duration apiCallAttemptTimeout,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("200") int maxConnections,
        @DefaultValue("system") String clock) {

    public boolean simulatorClock() {
        return "simulator".equals(clock);
    }
}
