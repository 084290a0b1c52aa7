package io.policygen.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts every HTTP attempt the SDK makes, and those AWS throttled, per service and operation.
 * Attempts, not calls: a call the SDK retried after throttling counts each try, which is what
 * "throttled calls stay a small fraction of all calls" is about.
 */
public final class AwsCallMetrics implements MetricPublisher {

    /** The SDK's attempt-level error type for throttling answers, whatever the service calls them. */
    private static final String THROTTLING = "Throttling";

    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();

    @Override
    public void publish(MetricCollection call) {
        String key = first(call, CoreMetric.SERVICE_ID) + "." + first(call, CoreMetric.OPERATION_NAME);
        call.childrenWithName("ApiCallAttempt").forEach(attempt -> {
            attempts.computeIfAbsent(key, k -> new LongAdder()).increment();
            if (attempt.metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING)) {
                throttled.computeIfAbsent(key, k -> new LongAdder()).increment();
            }
        });
    }

    private static String first(MetricCollection call, software.amazon.awssdk.metrics.SdkMetric<String> metric) {
        var values = call.metricValues(metric);
        return values.isEmpty() ? "unknown" : values.getFirst();
    }

    public long attempts() {
        return sum(attempts);
    }

    public long throttledAttempts() {
        return sum(throttled);
    }

    /** Attempts per "Service.Operation", sorted by name. */
    public Map<String, Long> attemptsByOperation() {
        Map<String, Long> result = new TreeMap<>();
        attempts.forEach((key, count) -> result.put(key, count.sum()));
        return result;
    }

    private static long sum(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public void close() {
        // counters live as long as the run; nothing to release
    }
}
