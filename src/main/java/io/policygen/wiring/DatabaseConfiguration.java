package io.policygen.wiring;

import io.policygen.job.BatchedStepBookkeeping;
import io.policygen.job.OutageTolerantJobRepository;
import io.policygen.run.RunProperties;
import io.policygen.store.DatabaseAccess;
import io.policygen.store.DatabaseOutage;
import io.policygen.store.DatabaseUse;
import io.policygen.store.OutageTolerantDataSource;
import io.policygen.store.OwnTransaction;
import io.policygen.store.SchemaMigration;
import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The database as the job uses it: the pool behind a data source that rides out an outage and counts what is asked of
 * it, Spring Batch's repository riding it out too and writing running steps' progress in batches, and the stores' own
 * transactions.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    /** How often a running step's progress is written to Spring Batch's tables (its status changes at once). */
    static final Duration STEP_PROGRESS_INTERVAL = Duration.ofSeconds(60);
    /**
     * How long a caller waits for a connection while the database answers but every pooled connection is lent: ten
     * thousand slots opening at once queue for it, which makes them late, not wrong.
     */
    static final Duration BUSY_POOL_PATIENCE = Duration.ofMinutes(10);

    @Bean
    DatabaseOutage databaseOutage(Environment environment, RunProperties run, Ticker ticker) {
        return new DatabaseOutage(describe(environment.getProperty("spring.datasource.url")), run.databaseOutageTolerance(), ticker);
    }

    @Bean
    SchemaMigration schemaMigration() {
        return new SchemaMigration();
    }

    @Bean
    DatabaseUse databaseUse() {
        return new DatabaseUse();
    }

    @Bean
    DatabaseAccess databaseAccess(DataSource dataSource, DatabaseOutage outage, DatabaseUse use) {
        return new DatabaseAccess(dataSource, outage, use);
    }

    @Bean
    OwnTransaction ownTransaction(PlatformTransactionManager transactionManager, DatabaseOutage outage) {
        return new OwnTransaction(transactionManager, outage, Sleeper.SYSTEM);
    }

    /** Wraps the pool and Spring Batch's repository as they are made, before anything else is given them. */
    @Bean
    static BeanPostProcessor databaseOutageWrappers(ObjectProvider<DatabaseOutage> outage, ObjectProvider<DatabaseUse> use) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource pool && !(bean instanceof OutageTolerantDataSource)) {
                    return new OutageTolerantDataSource(pool, outage.getObject(), use.getObject(), BUSY_POOL_PATIENCE,
                            Ticker.SYSTEM, Sleeper.SYSTEM);
                }
                if (bean instanceof JobRepository repository) {
                    return BatchedStepBookkeeping.wrap(
                            OutageTolerantJobRepository.wrap(repository, outage.getObject(), use.getObject(), Sleeper.SYSTEM),
                            STEP_PROGRESS_INTERVAL, System::nanoTime);
                }
                return bean;
            }
        };
    }

    /** {@code jdbc:postgresql://db.example:5432/policygen?ssl=true} as a user names it: {@code db.example:5432/policygen}. */
    static String describe(String url) {
        if (url == null) {
            return "(no spring.datasource.url)";
        }
        String rest = url.replaceFirst("^jdbc:postgresql://", "");
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }
}
