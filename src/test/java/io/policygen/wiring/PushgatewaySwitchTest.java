package io.policygen.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PushgatewaySwitchTest {

    private static final String PREFIX = "management.prometheus.metrics.export.pushgateway.";

    @Test
    void shouldLeaveThePushgatewayOffWithoutAnAddress() {
        StandardEnvironment environment = environment(Map.of());

        switchOn(environment);

        assertThat(environment.getProperty(PREFIX + "enabled")).isNull();
    }

    @Test
    void shouldTurnThePushgatewayOnWhenItsAddressIsSet() {
        StandardEnvironment environment = environment(Map.of(PREFIX + "address", "pushgateway:9091"));

        switchOn(environment);

        assertThat(environment.getProperty(PREFIX + "enabled")).isEqualTo("true");
        assertThat(environment.getProperty(PREFIX + "address")).isEqualTo("pushgateway:9091");
        assertThat(environment.getProperty(PREFIX + "scheme")).isNull();
    }

    @Test
    void shouldLeaveAnExplicitEnabledAlone() {
        StandardEnvironment environment = environment(Map.of(PREFIX + "address", "pushgateway:9091", PREFIX + "enabled", "false"));

        switchOn(environment);

        assertThat(environment.getProperty(PREFIX + "enabled")).isEqualTo("false");
    }

    @Test
    void shouldTakeAUrlApartIntoSchemeAndAddress() {
        StandardEnvironment environment = environment(Map.of(PREFIX + "address", "https://pushgateway.example/"));

        switchOn(environment);

        assertThat(environment.getProperty(PREFIX + "scheme")).isEqualTo("https");
        assertThat(environment.getProperty(PREFIX + "address")).isEqualTo("pushgateway.example:443");
        assertThat(environment.getProperty(PREFIX + "enabled")).isEqualTo("true");
    }

    private static void switchOn(StandardEnvironment environment) {
        new PushgatewaySwitch().postProcessEnvironment(environment, new SpringApplication());
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
