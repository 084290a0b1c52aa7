package io.policygen.wiring;

import io.policygen.job.OutageTolerantJobRepository;
import io.policygen.run.RunProperties;
import io.policygen.store.DatabaseAccess;
import io.policygen.store.DatabaseOutage;
import io.policygen.store.DatabaseUse;
import io.policygen.store.OutageTolerantDataSource;
import io.policygen.store.OwnTransaction;
import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
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
 * it, Spring Batch's repository riding it out too, and the stores' own transactions.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean
    DatabaseOutage databaseOutage(Environment environment, RunProperties run, Ticker ticker) {
        return new DatabaseOutage(describe(environment.getProperty("spring.datasource.url")), run.databaseOutageTolerance(), ticker);
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
    static BeanPostProcessor databaseOutageWrappers(ObjectProvider<DatabaseOutage> outage, ObjectProvider<DatabaseUse> use,
                                                    ObjectProvider<RunProperties> run) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource pool && !(bean instanceof OutageTolerantDataSource)) {
                    return new OutageTolerantDataSource(pool, outage.getObject(), use.getObject(),
                            run.getObject().databaseOutageTolerance(), Ticker.SYSTEM, Sleeper.SYSTEM);
                }
                if (bean instanceof JobRepository repository) {
                    return OutageTolerantJobRepository.wrap(repository, outage.getObject(), use.getObject(), Sleeper.SYSTEM);
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
