package io.policygen.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.accessanalyzer.model.StartPolicyGenerationRequest;

/** StartPolicyGeneration requests as the job sends them, for the contract tests. */
final class GenerationRequests {

    private GenerationRequests() {
    }

    /** The principal's CloudTrail of {@code window} up to {@code end}, in these Regions of the organization trail. */
    static StartPolicyGenerationRequest inRegions(SimulatedOrganization org, String principalArn, Instant end,
                                                  Duration window, List<String> regions) {
        String account = principalArn.substring(13, 25);
        return StartPolicyGenerationRequest.builder()
                .clientToken(UUID.randomUUID().toString())
                .policyGenerationDetails(d -> d.principalArn(principalArn))
                .cloudTrailDetails(c -> c.accessRole(org.accessRoleArn(account))
                        .trails(t -> t.cloudTrailArn(org.trailArn()).regions(regions))
                        .startTime(end.minus(window)).endTime(end))
                .build();
    }

    /** The same over every Region the account is active in ({@code allRegions}). */
    static StartPolicyGenerationRequest allRegions(SimulatedOrganization org, String principalArn, Instant end,
                                                   Duration window) {
        return inRegions(org, principalArn, end, window, List.of()).toBuilder()
                .cloudTrailDetails(c -> c.accessRole(org.accessRoleArn(principalArn.substring(13, 25)))
                        .trails(t -> t.cloudTrailArn(org.trailArn()).allRegions(true))
                        .startTime(end.minus(window)).endTime(end))
                .build();
    }

    /** Whether the principal was last used within the window ending now: a generation over it reads its calls. */
    static boolean usedWithin(Simulator simulator, String principalArn, Duration window) {
        Instant lastUsed = simulator.details(principalArn).lastUsed();
        return lastUsed != null && !lastUsed.isBefore(simulator.clock().instant().minus(window));
    }

    /** The account's roles and users, service-linked roles left out. */
    static List<Principal> principals(Simulator simulator, String accountId) {
        return simulator.organization().principals(accountId).stream().filter(p -> !p.serviceLinked()).toList();
    }
}
