package io.policygen.cli;

import io.policygen.PolicygenApplication;
import io.policygen.run.ExitCode;
import io.policygen.wiring.ConfigurationCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The application's context for {@code run} and each demo night. The database is tried once as soon as the
 * settings are known, before anything else starts; any failure to start becomes a {@link CommandFailure}, the
 * only report of it on the console: Spring's own start-up report and stack trace are silenced, unless
 * {@code --verbose}.
 */
final class ApplicationStart {

    /** Spring Boot's loggers that report a failed start-up: its stack trace and its page of failure analysis. */
    static final List<String> FAILURE_REPORTERS = List.of("org.springframework.boot.SpringApplication",
            "org.springframework.boot.diagnostics");

    /** Those silenced, and a refresh's warning: the lowest-precedence settings, so a user's own win. */
    private static final Map<String, Object> QUIET = quiet();

    private ApplicationStart() {
    }

    private static Map<String, Object> quiet() {
        Map<String, Object> quiet = new HashMap<>();
        FAILURE_REPORTERS.forEach(reporter -> quiet.put("logging.level." + reporter, "OFF"));
        quiet.put("logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext", "ERROR");
        return Map.copyOf(quiet);
    }

    static ConfigurableApplicationContext start(List<String> springArguments, boolean verbose) {
        SpringApplication application = new SpringApplication(PolicygenApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        if (!verbose) {
            application.setDefaultProperties(QUIET);
        }
        DatabaseFirst database = new DatabaseFirst();
        application.addListeners(database);
        try {
            return application.run(springArguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw StartupFailures.describe(e, database.environment);
        }
    }

    /** As soon as the settings are read: a database to connect to, and a login it accepts (else, first, any bad setting). */
    private static final class DatabaseFirst implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

        private ConfigurableEnvironment environment;

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            environment = event.getEnvironment();
            try {
                DatabaseLogin.check(DatabaseSettings.of(environment).requireUrl());
            } catch (CommandFailure unreachable) {
                if (unreachable.exitCode() == ExitCode.FAILED) {
                    // a scheduler retries exit 1: not while a setting is wrong too, which no retry mends
                    ConfigurationCheck.check(environment);
                }
                throw unreachable;
            }
        }
    }
}
