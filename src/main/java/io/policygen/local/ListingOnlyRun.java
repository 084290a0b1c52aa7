package io.policygen.local;

import io.policygen.PolicygenApplication;
import io.policygen.principal.IamItem;
import io.policygen.principal.PrincipalWriter;
import io.policygen.run.ExitCode;
import io.policygen.run.PolicygenRun;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The job as {@code policygen run} runs it, with one difference: the principals discovery lists are not written
 * (the writer of the {@code discoverPrincipals} step discards them). What it measures, against the same simulator, is
 * the listing itself: the same reader, the same SDK calls, partitions and concurrency, the same Spring Batch
 * bookkeeping, whatever listing the job uses. {@code scripts/bench.sh} compares it with a real run to tell what
 * persisting the principals costs. Run through Spring Boot's {@code PropertiesLauncher}, with the settings of a run:
 *
 * <pre>{@code
 * java -cp target/policygen.jar -Dloader.main=io.policygen.local.ListingOnlyRun \
 *     org.springframework.boot.loader.launch.PropertiesLauncher --spring.datasource.url=... --policygen...=...
 * }</pre>
 *
 * Arguments that are not {@code --name=value} settings are skipped, so that the scripts can start it with a run's
 * command line ({@code -jar policygen.jar run --...}) after the launcher.
 */
public final class ListingOnlyRun {

    private static final Logger log = LoggerFactory.getLogger(ListingOnlyRun.class);

    private ListingOnlyRun() {
    }

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(PolicygenApplication.class, NothingWritten.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ConfigurableApplicationContext context = application.run(
                Arrays.stream(args).filter(arg -> arg.startsWith("--") && arg.contains("=")).toArray(String[]::new));
        ExitCode exitCode;
        try {
            exitCode = context.getBean(PolicygenRun.class).execute();
        } catch (Exception e) {
            log.error("event=listing-only-failed", e);
            exitCode = ExitCode.FAILED;
        }
        log.info("event=listing-only-done principalsListed={}", NothingWritten.LISTED.get());
        ExitCode result = exitCode;
        System.exit(SpringApplication.exit(context, result::code));
    }

    /**
     * Swaps the discovery writer for one that counts and drops what it is given. Not a {@code @Configuration}: a
     * scanned one would be in every run; it is given to this application only.
     */
    static class NothingWritten {

        static final AtomicLong LISTED = new AtomicLong();

        @Bean
        static BeanPostProcessor discardingPrincipalWriter() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof PrincipalWriter) {
                        return new PrincipalWriter(null, null, null, 0, null) {
                            @Override
                            public void write(Chunk<? extends IamItem> chunk) {
                                LISTED.addAndGet(chunk.getItems().stream()
                                        .filter(IamItem.DiscoveredPrincipal.class::isInstance).count());
                            }
                        };
                    }
                    return bean;
                }
            };
        }
    }
}
