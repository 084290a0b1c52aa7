package io.policygen.wiring;

import io.policygen.gap.ActionCatalog;
import io.policygen.gap.GapCalculator;
import io.policygen.gap.GapStore;
import io.policygen.store.OwnTransaction;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The least-privilege gap's beans: the IAM action catalog (read once), the calculator, the store. */
@Configuration(proxyBeanMethods = false)
public class GapConfiguration {

    @Bean
    ActionCatalog actionCatalog() {
        return ActionCatalog.bundled();
    }

    @Bean
    GapCalculator gapCalculator(ActionCatalog actionCatalog) {
        return new GapCalculator(actionCatalog);
    }

    @Bean
    GapStore gapStore(JdbcTemplate jdbc, OwnTransaction tx, Clock clock) {
        return new GapStore(jdbc, tx, clock);
    }
}
