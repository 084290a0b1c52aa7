package io.policygen.generation;

import io.policygen.aws.AwsClients;
import io.policygen.aws.MemberAccount;

/** Access Analyzer through the account's member role, on the clients {@link AwsClients} builds. */
public final class AwsPolicyGenerationsFactory implements PolicyGenerationsFactory {

    private final AwsClients clients;
    private final GenerationProperties properties;
    private final SlotControl control;

    public AwsPolicyGenerationsFactory(AwsClients clients, GenerationProperties properties, SlotControl control) {
        this.clients = clients;
        this.properties = properties;
        this.control = control;
    }

    @Override
    public Opened open(SlotId slot) {
        MemberAccount account = clients.memberAccount(slot.accountId());
        PolicyGenerations generations = new AccessAnalyzerPolicyGenerations(account.accessAnalyzer(slot.region()),
                properties.includeResourcePlaceholders(), properties.includeServiceLevelTemplate(), control::requestStop);
        return new Opened(generations, () -> {
            account.close();
            clients.release(slot.accountId());
        });
    }
}
