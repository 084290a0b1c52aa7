package io.policygen.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The schedule and the estimator together, on a manual ticker: generations of known durations are followed as the
 * tracker follows them (wait, look, learn the ones that ended), and the looks and the time lost past each end are
 * counted. Nothing sleeps.
 */
class PollEfficiencyTest {

    private static final Duration WINDOW = Duration.ofDays(30);
    private final PollSchedule schedule = new PollSchedule(Duration.ofSeconds(1), Duration.ofMinutes(1));

    private record Result(double looksPerGeneration, double lostShare) {
    }

    /**
     * Follows {@code rounds} generations in each of {@code accounts} accounts, round by round, +/- 2/15 of their time at
     * random; the first {@code unmeasured} rounds are learnt from but not counted (an earlier night).
     */
    private Result follow(int accounts, int unmeasured, int rounds, IntToDoubleFunction secondsOfAccount, Random jitter) {
        ManualClock ticker = new ManualClock(Instant.parse("2026-03-02T00:00:00Z"));
        DurationEstimator estimator = new DurationEstimator(ticker);
        long looks = 0;
        long looksCounted = 0;
        double lost = 0;
        double busy = 0;
        for (int round = 0; round < rounds; round++) {
            for (int account = 0; account < accounts; account++) {
                String accountId = String.format("1111222%05d", account);
                double seconds = secondsOfAccount.applyAsDouble(account) * (1 + (jitter.nextDouble() * 2 - 1) * 2 / 15.0);
                Duration took = Duration.ofMillis((long) (seconds * 1000));
                DurationEstimator.Flight flight = estimator.started(accountId, WINDOW);
                long sent = ticker.nanos();
                long looksBefore = looks;
                Duration elapsed = Duration.ZERO;
                while (elapsed.compareTo(took) < 0) {
                    ticker.sleep(schedule.next(elapsed, estimator.forecast(accountId, WINDOW)));
                    elapsed = Duration.ofNanos(ticker.nanos() - sent);
                    looks++;
                }
                if (round >= unmeasured) {
                    looksCounted += looks - looksBefore;
                    lost += elapsed.minus(took).toMillis() / 1000.0;
                    busy += seconds;
                }
                estimator.ended(flight, took);
            }
        }
        double generations = accounts * (double) (rounds - unmeasured);
        return new Result(looksCounted / generations, lost / busy);
    }

    @Test
    void shouldSeeAUniformlyJitteredGenerationEndedWithinTwoLooksOnAverageLosingUnderFivePercent() {
        // given: 15 s +/- 2 s everywhere, the first round of every account included
        Result result = follow(300, 0, 4, account -> 15, new Random(11));

        // then: <= 3 Access Analyzer calls a generation with its start, and a slot idle < 5% of the time
        assertThat(result.looksPerGeneration()).isLessThanOrEqualTo(2.0);
        assertThat(result.lostShare()).isLessThan(0.05);
    }

    @Test
    void shouldLearnEachAccountsRateWhenDurationsAreLongTailedAcrossAccounts() {
        // given: accounts whose generations take from a few seconds to minutes (lognormal, spread 0.8), +/- 13% each
        Random accounts = new Random(5);
        double[] seconds = new double[300];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = 15 * Math.exp(0.8 * accounts.nextGaussian());
        }

        // when: a night of 20 generations per account after one that saw a generation in each
        Result result = follow(300, 1, 21, account -> seconds[account], new Random(13));

        // then: nearly as good as if all accounts were alike (each account's rate is learnt from a few of its own)
        assertThat(result.looksPerGeneration()).isLessThanOrEqualTo(2.0);
        assertThat(result.lostShare()).isLessThan(0.06);
    }

    @Test
    void shouldLookInGrowingStepsAtAnAccountNotSeenYetWhenAccountsDiffer() {
        // given: the same accounts, each one's first generation: only the organization's spread is known
        Random accounts = new Random(5);
        double[] seconds = new double[300];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = 15 * Math.exp(0.8 * accounts.nextGaussian());
        }

        // when
        Result result = follow(300, 0, 1, account -> seconds[account], new Random(13));

        // then: a look where 45% of the organization's ended, then steps of a quarter of the wait: a few more looks and
        // several times the time lost of an account whose rate is known, bounded all the same
        assertThat(result.looksPerGeneration()).isBetween(2.0, 4.0);
        assertThat(result.lostShare()).isBetween(0.06, 0.25);
    }
}
