package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

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
 * benchmark size (a million principals).
 */
class ScaleIT {

    @Test
    void shouldPageThroughAHundredThousandPrincipalsQuickly() throws Exception {
        // given
        int accounts = Integer.getInteger("simulator.scale.accounts", 100);
        int perAccount = Integer.getInteger("simulator.scale.principals", 1000);
        try (Simulator simulator = Simulator.start(SimulatorOptions.builder().accounts(accounts)
                .principalsPerAccount(perAccount).distribution(SimulatorOptions.Distribution.UNIFORM)
                .suspendedAccounts(0).unassumableAccounts(0).build());
             SimulatorClients clients = new SimulatorClients(simulator);
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
}
