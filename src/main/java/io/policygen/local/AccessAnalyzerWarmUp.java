package io.policygen.local;

import io.policygen.aws.AwsCallMetrics;
import io.policygen.aws.AwsClients;
import io.policygen.aws.AwsProperties;
import io.policygen.aws.MemberAccessAnalyzer;
import io.policygen.aws.MemberAccount;
import io.policygen.aws.MemberRole;
import io.policygen.throttle.CallRateLimits;
import io.policygen.throttle.ThrottleProperties;
import io.policygen.time.Sleeper;
import io.policygen.time.Ticker;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * What an Access Analyzer call costs the job's JVM while that JVM is still new to it: ListPolicyGenerations, through
 * the job's own clients ({@link AwsClients}: one shared client, each request as its member account), in batches, each
 * batch's CPU a call printed twice, the calling threads' and the whole process's (the JIT compilers and the collector
 * with it). A scale run's ten thousand first starts are a JVM's first ten thousand calls of Access Analyzer;
 * docs/benchmarks.md ("What bounds one JVM") compares the first batches with the last. Against a simulator started
 * apart ({@code policygen.jar simulate}), with its management keys where the job finds AWS credentials (AWS_ACCESS_KEY_ID
 * and AWS_SECRET_ACCESS_KEY):
 *
 * <pre>{@code
 * java -cp target/policygen.jar -Dloader.main=io.policygen.local.AccessAnalyzerWarmUp \
 *     org.springframework.boot.loader.launch.PropertiesLauncher http://127.0.0.1:4566 [BATCHES [CALLS [THREADS]]]
 * }</pre>
 */
public final class AccessAnalyzerWarmUp {

    private static final String REGION = "us-east-1";

    private AccessAnalyzerWarmUp() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 4) {
            usage("expected ENDPOINT and up to three counts, got " + args.length + " arguments");
        }
        if (!args[0].matches("https?://[^/\\s]+/?")) {
            usage("ENDPOINT must be the simulator's URL, such as http://127.0.0.1:4566, was '" + args[0] + "'");
        }
        run(URI.create(args[0]), DefaultCredentialsProvider.builder().build(), count(args, 1, "BATCHES", 20),
                count(args, 2, "CALLS", 1000), count(args, 3, "THREADS", 4), System.out);
    }

    private static int count(String[] args, int index, String name, int otherwise) {
        if (args.length <= index) {
            return otherwise;
        }
        try {
            int count = Integer.parseInt(args[index]);
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        usage(name + " must be a whole number above 0, was '" + args[index] + "'");
        return otherwise;
    }

    private static void usage(String problem) {
        System.err.println("AccessAnalyzerWarmUp: " + problem + "; usage: AccessAnalyzerWarmUp ENDPOINT [BATCHES [CALLS [THREADS]]]");
        System.exit(2);
    }

    /**
     * {@code batches} batches of {@code calls} calls each, made by {@code threads} threads as the member accounts that
     * {@code management} (the management account's keys) can enter; what they cost, to {@code out}.
     */
    static void run(URI endpoint, AwsCredentialsProvider management, int batches, int calls, int threads, PrintStream out)
            throws InterruptedException {
        AwsProperties properties = new AwsProperties(REGION, endpoint, Duration.ofSeconds(30), Duration.ofSeconds(10), 3, 200, "system");
        // no client-side pacing: the calls are what is measured, not the quotas
        CallRateLimits unpaced = new CallRateLimits(new ThrottleProperties(1e9, 1e9), Ticker.SYSTEM, Sleeper.SYSTEM);
        try (AwsClients clients = new AwsClients(properties, new MemberRole("OrganizationAccountAccessRole", null, "policygen"),
                management, unpaced, new AwsCallMetrics())) {
            List<MemberAccessAnalyzer> members = members(clients, 8, out);
            members.forEach(AccessAnalyzerWarmUp::call);
            var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long processStart = process.getProcessCpuTime();
            for (int batch = 1; batch <= batches; batch++) {
                long processBefore = process.getProcessCpuTime();
                long wallBefore = System.nanoTime();
                long callers = batch(members, calls, threads);
                out.printf("batch %d: %.0f us a call (callers), %.0f us (process), %.2f s%n", batch,
                        callers / 1000.0 / calls, (process.getProcessCpuTime() - processBefore) / 1000.0 / calls,
                        (System.nanoTime() - wallBefore) / 1e9);
            }
            out.printf("process CPU over %d calls: %.2f s%n", batches * calls, (process.getProcessCpuTime() - processStart) / 1e9);
        }
    }

    /** Up to {@code max} member accounts whose role can be assumed (the simulator has one that cannot). */
    private static List<MemberAccessAnalyzer> members(AwsClients clients, int max, PrintStream out) {
        String management = clients.sts().getCallerIdentity().account();
        List<MemberAccessAnalyzer> members = new ArrayList<>();
        for (var account : clients.organizations().listAccounts().accounts()) {
            if (members.size() == max) {
                break;
            }
            if (account.id().equals(management)) {
                continue;
            }
            try {
                MemberAccount member = clients.memberAccount(account.id());
                member.assumeRole();
                members.add(member.accessAnalyzer(REGION));
            } catch (RuntimeException e) {
                out.println("skipped account " + account.id() + ": " + e.getMessage());
            }
        }
        if (members.isEmpty()) {
            throw new IllegalStateException("no member account whose role can be assumed");
        }
        return members;
    }

    /** The calling threads' CPU time (ns) for {@code calls} calls spread over {@code threads} threads. */
    private static long batch(List<MemberAccessAnalyzer> members, int calls, int threads) throws InterruptedException {
        AtomicLong cpu = new AtomicLong();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            running.add(Thread.ofPlatform().start(() -> {
                var bean = ManagementFactory.getThreadMXBean();
                long before = bean.getCurrentThreadCpuTime();
                for (int i = offset; i < calls; i += threads) {
                    call(members.get(i % members.size()));
                }
                cpu.addAndGet(bean.getCurrentThreadCpuTime() - before);
            }));
        }
        for (Thread thread : running) {
            thread.join();
        }
        return cpu.get();
    }

    private static void call(MemberAccessAnalyzer member) {
        member.client().listPolicyGenerations(request -> request.overrideConfiguration(member.asMember()));
    }
}
