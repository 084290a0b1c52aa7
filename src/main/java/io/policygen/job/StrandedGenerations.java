package io.policygen.job;

import io.policygen.generation.ChargedTo;
import io.policygen.generation.GenerationEvents;
import io.policygen.generation.GenerationResult;
import io.policygen.generation.GenerationStore;
import io.policygen.generation.OpenGeneration;
import io.policygen.generation.PolicyGenerations;
import io.policygen.generation.SlotId;
import io.policygen.log.LogEvent;
import io.policygen.organization.AccountStore;
import io.policygen.organization.EnterableAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests still open in accounts this run has no slot in: the organization no longer lists the account (it left, or
 * moved out of {@code ou-ids}), lists it SUSPENDED or CLOSED, or its member role is refused. No run reads them until
 * the account can be entered again, and once a week old Access Analyzer no longer has them (it lists a generation for
 * 7 days): they are recorded lost then, with the account's reason, so that no report counts them in progress for ever.
 * Younger ones wait: the account may come back in time.
 */
final class StrandedGenerations {

    private static final Logger log = LoggerFactory.getLogger(StrandedGenerations.class);

    private final GenerationStore generations;
    private final AccountStore accounts;
    private final Clock clock;
    private final GenerationEvents events;

    StrandedGenerations(GenerationStore generations, AccountStore accounts, Clock clock, GenerationEvents events) {
        this.generations = generations;
        this.accounts = accounts;
        this.clock = clock;
        this.events = events;
    }

    /** Records lost every open request older than a week in an account without a slot in this run. */
    void recordLost(long runId) {
        Instant now = clock.instant();
        Map<SlotId, List<OpenGeneration>> old = generations.openRequestedBefore(now.minus(PolicyGenerations.LISTED_FOR));
        if (old.isEmpty()) {
            return;
        }
        EnterableAccounts entered = accounts.enterableAccounts(runId);
        Map<String, List<SlotId>> stranded = new TreeMap<>();
        old.keySet().stream().filter(slot -> !entered.contains(slot.accountId()))
                .forEach(slot -> stranded.computeIfAbsent(slot.accountId(), k -> new ArrayList<>()).add(slot));
        if (stranded.isEmpty()) {
            return;
        }
        Map<String, String> reasons = accounts.whyNotEntered(stranded.keySet(), runId);
        for (Map.Entry<String, List<SlotId>> account : stranded.entrySet()) {
            String reason = reasons.get(account.getKey());
            int lostThere = 0;
            String why = "no run could read this generation: policygen cannot enter account " + account.getKey() + " ("
                    + reason + ") and Access Analyzer keeps a generation for about 7 days";
            for (SlotId slot : account.getValue()) {
                for (OpenGeneration generation : old.get(slot)) {
                    generations.recordOutcome(generation.generationId(), GenerationResult.lost(generation, why, now), 0,
                            ChargedTo.ACCOUNT);
                    events.finished(slot, GenerationEvents.LOST, generation.runId() == runId);
                    lostThere++;
                }
            }
            LogEvent.warn(log, "stranded-generations-lost").with("account", account.getKey()).with("generations", lostThere)
                    .quoted("detail", "requested more than 7 days ago in an account policygen cannot enter: " + reason
                            + "; recorded RESULT_LOST, their principals asked again if the account is worked again").log();
        }
    }
}
