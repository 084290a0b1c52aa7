package io.policygen.wiring;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The Pushgateway is on when its address is set: {@code management.prometheus.metrics.export.pushgateway.address}
 * (Spring Boot's own setting) turns {@code ...pushgateway.enabled} on unless that is set too. Boot's address is
 * {@code host:port}; a URL ({@code https://pushgateway.example:9091}) is taken apart into address and scheme, as an
 * operator is likely to write it.
 */
public final class PushgatewaySwitch implements EnvironmentPostProcessor, Ordered {

    static final String PREFIX = "management.prometheus.metrics.export.pushgateway.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String address = environment.getProperty(PREFIX + "address");
        if (address == null || address.isBlank()) {
            return;
        }
        Map<String, Object> settings = new HashMap<>();
        if (environment.getProperty(PREFIX + "enabled") == null) {
            settings.put(PREFIX + "enabled", "true");
        }
        if (address.contains("://")) {
            URI url = URI.create(address.strip());
            settings.put(PREFIX + "scheme", url.getScheme());
            settings.put(PREFIX + "address", url.getHost() + ":" + (url.getPort() > 0 ? url.getPort()
                    : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80));
        }
        if (!settings.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("policygen-pushgateway", settings));
        }
    }

    /** After the configuration files are read. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
