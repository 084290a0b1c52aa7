package io.policygen.generation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An in-memory {@link PolicyGenerations} for the slot's own logic: it honours clientTokens like Access Analyzer,
 * finishes each job {@code duration} after its start on the given clock, and answers the next calls from a script
 * when one is queued (a refusal, no answer). Wire-level behaviour is tested against the simulator instead.
 */
class ScriptedPolicyGenerations implements PolicyGenerations {

    private final Clock clock;
    private final Duration duration;
    private final Deque<Supplier<RuntimeException>> startScript = new ArrayDeque<>();
    private final Map<UUID, String> jobsByToken = new HashMap<>();
    private final Map<String, Instant> startedOn = new HashMap<>();
    private final Map<String, String> principalOf = new HashMap<>();
    final List<String> cancelled = new ArrayList<>();
    int lists;
    /** At each listing of the account's jobs (the day's budget), how many had been started. */
    final List<Integer> startsWhenAccountListed = new ArrayList<>();
    final List<UUID> tokensSent = new ArrayList<>();
    int gets;
    /** How long after its start a job is not found (eventual consistency). */
    Duration unreadableFor = Duration.ZERO;
    int notFound;

    ScriptedPolicyGenerations(Clock clock, Duration duration) {
        this.clock = clock;
        this.duration = duration;
    }

    /** The next start call fails this way. */
    ScriptedPolicyGenerations thenStartFails(Supplier<RuntimeException> failure) {
        startScript.add(failure);
        return this;
    }

    String jobOf(UUID clientToken) {
        return jobsByToken.get(clientToken);
    }

    int generationsStarted() {
        return startedOn.size();
    }

    @Override
    public String start(GenerationRequest request, UUID clientToken) {
        tokensSent.add(clientToken);
        if (!startScript.isEmpty()) {
            throw startScript.poll().get();
        }
        return jobsByToken.computeIfAbsent(clientToken, token -> {
            String jobId = UUID.randomUUID().toString();
            startedOn.put(jobId, clock.instant());
            principalOf.put(jobId, request.principalArn());
            return jobId;
        });
    }

    /** Starts the job as AWS would, but the caller never hears of it: a crash between the call and the commit. */
    void startWithoutAnswer(GenerationRequest request, UUID clientToken) {
        start(request, clientToken);
    }

    @Override
    public List<ListedJob> jobsFor(String principalArn) {
        lists++;
        return jobs().stream().filter(job -> job.principalArn().equals(principalArn)).toList();
    }

    @Override
    public List<ListedJob> jobsInAccount() {
        startsWhenAccountListed.add(generationsStarted());
        return jobs();
    }

    private List<ListedJob> jobs() {
        return principalOf.entrySet().stream()
                .map(job -> new ListedJob(job.getKey(), job.getValue(), status(job.getKey()), startedOn.get(job.getKey())))
                .toList();
    }

    private String status(String jobId) {
        return clock.instant().isBefore(startedOn.get(jobId).plus(duration)) ? "IN_PROGRESS" : "SUCCEEDED";
    }

    @Override
    public void cancel(String jobId) {
        cancelled.add(jobId);
    }

    @Override
    public GenerationResult get(String jobId) {
        gets++;
        Instant started = startedOn.get(jobId);
        if (clock.instant().isBefore(started.plus(unreadableFor))) {
            notFound++;
            throw new GenerationRejectedException("ResourceNotFoundException", "Policy generation " + jobId + " not found.", List.of(), null);
        }
        Instant end = started.plus(duration);
        if (clock.instant().isBefore(end)) {
            return new GenerationResult("IN_PROGRESS", started, null, null, null, List.of(), null);
        }
        return new GenerationResult("SUCCEEDED", started, end, null, null,
                List.of("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}]}"), true);
    }
}
