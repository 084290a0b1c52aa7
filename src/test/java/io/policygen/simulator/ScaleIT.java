package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.model.Account;

/**
 * Pages through every principal of a uniform organization with the SDK, the way discovery does:
 * ListAccounts, then per account AssumeRole + ListRoles + ListUsers (1000 per page), 8 accounts at a
 * time. 100 accounts x 1000 principals by default; {@code -Dsimulator.scale.accounts=1000} for the
 * benchmark size (a million principals). {@code -Dsimulator.endpoint=http://127.0.0.1:4566} runs it
 * against a standalone simulator started with the same sizes and {@code --distribution uniform
 * --suspended-accounts 0 --unassumable-accounts 0}.
 */
class ScaleIT {

    @Test
    void shouldPageThroughEveryPrincipalQuickly() throws Exception {
        // given
        int accounts = Integer.getInteger("simulator.scale.accounts", 100);
        int perAccount = Integer.getInteger("simulator.scale.principals", 1000);
        String external = System.getProperty("simulator.endpoint");
        try (Simulator simulator = external != null ? null : Simulator.start(SimulatorOptions.builder()
                .accounts(accounts).principalsPerAccount(perAccount)
                .distribution(SimulatorOptions.Distribution.UNIFORM).suspendedAccounts(0).unassumableAccounts(0).build());
             SimulatorClients clients = simulator != null ? new SimulatorClients(simulator)
                     : new SimulatorClients(URI.create(external), new ManagementCredentials(
                             SimulatorOptions.DEFAULT_ACCESS_KEY_ID, SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY),
                             "us-east-1", "OrganizationAccountAccessRole", true);
             ExecutorService pool = Executors.newFixedThreadPool(8)) {
            long started = System.nanoTime();

            // when
            List<Account> found = clients.organizations().listAccountsPaginator(r -> { }).stream()
                    .flatMap(page -> page.accounts().stream()).toList();
            List<Future<Long>> counts = new ArrayList<>();
            for (Account account : found) {
                counts.add(pool.submit(() -> {
                    IamClient iam = clients.iam(clients.member(account.id()));
                    long roles = iam.listRolesPaginator(r -> r.maxItems(1000)).roles().stream()
                            .filter(r -> !r.path().startsWith("/aws-service-role/")).count();
                    long users = iam.listUsersPaginator(r -> r.maxItems(1000)).users().stream().count();
                    iam.close();
                    return roles + users;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Runtime rt = Runtime.getRuntime();
            long usedWhilePaging = (rt.totalMemory() - rt.freeMemory()) >> 20;
            System.gc();
            System.out.printf("ScaleIT: %d accounts, %d principals paged in %s; heap used %d MB, %d MB after GC "
                    + "(simulator and clients)%n", found.size(), total, took, usedWhilePaging,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);

            // then
            assertThat(found).hasSize(accounts);
            assertThat(total).isEqualTo((long) accounts * perAccount);
        }
    }

    @Test
    void shouldStartAndFollowGenerationsInManyAccountsAtOnce() throws Exception {
        // given
        int accounts = Integer.getInteger("simulator.scale.accounts", 100);
        int perAccount = Integer.getInteger("simulator.scale.generations", 5);
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().accounts(accounts)
                .principalsPerAccount(perAccount).distribution(SimulatorOptions.Distribution.UNIFORM)
                .suspendedAccounts(0).unassumableAccounts(0).generationTime(Duration.ofMinutes(2))
                .generationJitter(Duration.ZERO).manualClock(java.time.Instant.parse("2026-03-02T08:00:00Z")).build());
             SimulatorClients clients = new SimulatorClients(simulator);
             ExecutorService pool = Executors.newFixedThreadPool(8)) {
            SimulatedOrganization org = simulator.organization();
            long started = System.nanoTime();

            // when: each account starts one generation per simulated step, then sees it finished
            for (int round = 0; round < perAccount; round++) {
                int r = round;
                List<Future<String>> jobs = new ArrayList<>();
                for (io.policygen.simulator.Account account : org.accounts()) {
                    jobs.add(pool.submit(() -> {
                        var analyzer = analyzer(clients, account.id());
                        Principal principal = org.principals(account.id()).stream().filter(p -> !p.serviceLinked())
                                .skip(r).findFirst().orElseThrow();
                        return analyzer.startPolicyGeneration(b -> b
                                .policyGenerationDetails(d -> d.principalArn(principal.arn()))
                                .cloudTrailDetails(c -> c.accessRole(org.accessRoleArn(account.id()))
                                        .trails(t -> t.cloudTrailArn(org.trailArn()))
                                        .startTime(simulator.clock().instant().minus(Duration.ofDays(30))))).jobId();
                    }));
                }
                List<String> jobIds = new ArrayList<>();
                for (Future<String> job : jobs) {
                    jobIds.add(job.get());
                }
                simulator.clock().advance(Duration.ofMinutes(3));
                for (int i = 0; i < jobIds.size(); i++) {
                    String jobId = jobIds.get(i);
                    String accountId = org.accounts().get(i).id();
                    assertThat(pool.submit(() -> analyzer(clients, accountId).getGeneratedPolicy(b -> b.jobId(jobId))
                            .jobDetails().statusAsString()).get()).isEqualTo("SUCCEEDED");
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("ScaleIT: %d generations started and followed to SUCCEEDED in %s%n",
                    simulator.generations().size(), took);

            // then
            assertThat(simulator.generations()).hasSize(accounts * perAccount);
        }
    }

    private final java.util.Map<String, software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient> analyzers =
            new java.util.concurrent.ConcurrentHashMap<>();

    private software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient analyzer(SimulatorClients clients,
                                                                                           String accountId) {
        return analyzers.computeIfAbsent(accountId, id -> clients.accessAnalyzer(clients.member(id)));
    }
}
