package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.policygen.principal.PrincipalType;
import io.policygen.run.ExitCode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class StartupFailuresTest {

    @Test
    void shouldSayInWordsWhatTheBinderCouldNotConvert() {
        assertThat(bindingFailure("policygen.principals.types[0]", "GROUP", Bindable.listOf(PrincipalType.class)))
                .isEqualTo("invalid configuration: policygen.principals.types[0]: cannot use 'GROUP': must be one of ROLE, USER");
        assertThat(bindingFailure("policygen.throttle.overall-rate", "fast", Bindable.of(Double.class)))
                .isEqualTo("invalid configuration: policygen.throttle.overall-rate: cannot use 'fast': not a number");
        assertThat(bindingFailure("policygen.generation.lookback", "ninety days", Bindable.of(java.time.Duration.class)))
                .isEqualTo("invalid configuration: policygen.generation.lookback: cannot use 'ninety days': 'ninety days' is not"
                        + " a valid duration");
    }

    private static String bindingFailure(String name, String value, Bindable<?> target) {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(name, value)));
        String prefix = name.replaceFirst("\\[\\d+]$", "");
        Throwable bind = catchThrowable(() -> binder.bind(prefix, target));
        CommandFailure failure = StartupFailures.describe(new IllegalStateException("context failed", bind), null);
        assertThat(failure.exitCode()).isEqualTo(ExitCode.BAD_CONFIGURATION);
        return String.join("\n", failure.lines());
    }
}
