package io.policygen.gap;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job's last step, {@code computeGaps}: each principal's least-privilege gap, computed again only where its
 * policies, its latest generation or the catalog changed. {@code concurrency}: accounts computed at once (the work
 * is CPU and database, no AWS call: the machine's cores are the bound); {@code chunkSize}: principals read, computed
 * and written at a time.
 */
@ConfigurationProperties("policygen.gap")
public record GapProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2") int concurrency,
        @DefaultValue("500") int chunkSize) {

    /** What is wrong with the values, one line each naming the setting; empty when all is well. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (concurrency < 1 || concurrency > 256) {
            problems.add("policygen.gap.concurrency: must be between 1 and 256, was " + concurrency);
        }
        if (chunkSize < 1 || chunkSize > 10_000) {
            problems.add("policygen.gap.chunk-size: must be between 1 and 10000, was " + chunkSize);
        }
        return problems;
    }
}
