package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.principal.EligibilityRules.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EligibilityRulesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant OLD = Instant.parse("2024-01-01T00:00:00Z");
    private static final LastUse YESTERDAY = new LastUse(NOW.minus(Duration.ofDays(1)), "RoleLastUsed", true);

    private final EligibilityRules rules = new EligibilityRules(Duration.ofDays(90), Duration.ofDays(7));

    @Test
    void shouldGiveAGenerationToAnOldPrincipalUsedWithinTheLookback() {
        assertThat(rules.assess(OLD, YESTERDAY, Map.of("team", "web"), NOW)).isEqualTo(new Verdict(Eligibility.ELIGIBLE, null));
    }

    @Test
    void shouldFindAPrincipalNotUsedWithinTheLookbackOrNeverUsedUnused() {
        assertThat(rules.assess(OLD, new LastUse(Instant.parse("2026-01-15T08:00:00Z"), "password", true), Map.of(), NOW))
                .isEqualTo(new Verdict(Eligibility.UNUSED, "last used 2026-01-15 (password); lookback is 90 days"));
        assertThat(rules.assess(OLD, LastUse.never(), Map.of(), NOW))
                .isEqualTo(new Verdict(Eligibility.UNUSED, "never used, as far as IAM tracks"));
    }

    @Test
    void shouldGiveTheSameReasonTheNextDaySoThatAPrincipalNotUsedSinceIsNotStoredAgain() {
        LastUse longAgo = new LastUse(Instant.parse("2026-01-15T08:00:00Z"), "password", true);
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        assertThat(rules.assess(OLD, longAgo, Map.of(), tomorrow)).isEqualTo(rules.assess(OLD, longAgo, Map.of(), NOW));
        Instant created = NOW.minus(Duration.ofDays(3));
        assertThat(rules.assess(created, LastUse.never(), Map.of(), tomorrow))
                .isEqualTo(rules.assess(created, LastUse.never(), Map.of(), NOW));
    }

    @Test
    void shouldNeverTakeAPrincipalWhoseLastUseIsUnknownForUnused() {
        assertThat(rules.assess(OLD, LastUse.unknown("no credential report"), Map.of(), NOW))
                .isEqualTo(new Verdict(Eligibility.ELIGIBLE, "last use unknown (no credential report)"));
    }

    @Test
    void shouldWaitForAPrincipalYoungerThanMinAgeEvenIfNeverUsed() {
        assertThat(rules.assess(NOW.minus(Duration.ofDays(3)), LastUse.never(), Map.of(), NOW))
                .isEqualTo(new Verdict(Eligibility.TOO_NEW, "created 2026-05-29; min-age is 7 days"));
    }

    @Test
    void shouldLeaveOutAPrincipalOptedOutByTagForGoodOrUntilTheEndOfTheDateItNames() {
        assertThat(rules.assess(OLD, YESTERDAY, Map.of("policygen:skip", ""), NOW))
                .isEqualTo(new Verdict(Eligibility.OPTED_OUT, "tag policygen:skip (no end date)"));
        assertThat(rules.assess(OLD, YESTERDAY, Map.of("policygen:skip", "2026-06-01"), NOW))
                .isEqualTo(new Verdict(Eligibility.OPTED_OUT, "tag policygen:skip until 2026-06-01"));
        assertThat(rules.assess(OLD, YESTERDAY, Map.of("policygen:skip", "2026-05-31"), NOW)).as("expired")
                .isEqualTo(new Verdict(Eligibility.ELIGIBLE, null));
        assertThat(rules.assess(OLD, LastUse.never(), Map.of("policygen:skip", "yes please"), NOW))
                .isEqualTo(new Verdict(Eligibility.OPTED_OUT, "tag policygen:skip=\"yes please\" (not a date: no end date)"));
    }
}
