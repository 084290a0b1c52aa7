package io.policygen.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.generation.DurationEstimator.Observation;
import io.policygen.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DurationEstimatorTest {

    private static final Duration DAYS_30 = Duration.ofDays(30);
    private final ManualClock ticker = new ManualClock(Instant.parse("2026-03-02T01:00:00Z"));

    @Test
    void shouldKnowNothingBeforeTheFirstObservation() {
        assertThat(new DurationEstimator(ticker).forecast("111122223333", DAYS_30)).isNull();
    }

    @Test
    void shouldForecastTheConstantDurationOfEveryAccount() {
        DurationEstimator estimator = new DurationEstimator(ticker);
        for (int i = 0; i < 10; i++) {
            estimator.observe(new Observation(accountId(i), DAYS_30, Duration.ofSeconds(20)));
        }

        DurationForecast forecast = estimator.forecast("999988887777", DAYS_30);
        assertThat(forecast.quantile(0.5)).isCloseTo(Duration.ofSeconds(20), Duration.ofMillis(1));
        assertThat(forecast.quantile(1.0)).isCloseTo(Duration.ofSeconds(20), Duration.ofMillis(1));
    }

    @Test
    void shouldScaleTheForecastWithTheWindow() {
        DurationEstimator estimator = new DurationEstimator(ticker);
        estimator.observe(new Observation("111122223333", Duration.ofDays(90), Duration.ofMinutes(9)));

        assertThat(estimator.forecast("111122223333", Duration.ofDays(45)).quantile(0.5))
                .as("half the window, half the files to read").isCloseTo(Duration.ofSeconds(270), Duration.ofMillis(1));
    }

    @Test
    void shouldForecastEachAccountByItsOwnRateWhenAccountsDiffer() {
        // given: accounts that take 10 s or 40 s, each within 2%
        DurationEstimator estimator = new DurationEstimator(ticker);
        for (int round = 0; round < 4; round++) {
            for (int account = 0; account < 20; account++) {
                double base = account % 2 == 0 ? 10 : 40;
                double jitter = 1 + 0.02 * ((round + account) % 3 - 1);
                estimator.observe(new Observation(accountId(account), DAYS_30, Duration.ofMillis((long) (base * jitter * 1000))));
            }
        }

        // then: a slow account is forecast slow, a fast one fast, each narrowly
        DurationForecast slow = estimator.forecast(accountId(1), DAYS_30);
        DurationForecast fast = estimator.forecast(accountId(2), DAYS_30);
        assertThat(slow.quantile(0.5)).isBetween(Duration.ofMillis(39_000), Duration.ofMillis(41_000));
        assertThat(slow.quantile(1.0)).isLessThan(Duration.ofMillis(42_000));
        assertThat(fast.quantile(0.5)).isBetween(Duration.ofMillis(9_750), Duration.ofMillis(10_250));
        assertThat(estimator.forecast("999988887777", DAYS_30).quantile(1.0)).as("an account not seen yet: the organization's")
                .isCloseTo(Duration.ofSeconds(40), Duration.ofMillis(1_000));
    }

    @Test
    void shouldForecastByTheOrganizationWhenAccountsDoNotDiffer() {
        // given: every account 15 s +/- 2 s, at random: one account's few durations predict worse than all of them
        DurationEstimator estimator = new DurationEstimator(ticker);
        Random random = new Random(3);
        for (int round = 0; round < 3; round++) {
            for (int account = 0; account < 100; account++) {
                estimator.observe(new Observation(accountId(account), DAYS_30, Duration.ofMillis(13_000 + random.nextInt(4_001))));
            }
        }

        DurationForecast forecast = estimator.forecast(accountId(5), DAYS_30);
        assertThat(forecast.quantile(0.0)).isBetween(Duration.ofMillis(13_000), Duration.ofMillis(13_300));
        assertThat(forecast.quantile(1.0)).isBetween(Duration.ofMillis(16_700), Duration.ofMillis(17_000));
    }

    @Test
    void shouldLetTheOthersPlanTheirLooksOnceAQuarterOfTheScoutsEnded() {
        // given: 32 scouts and 268 others started together
        DurationEstimator estimator = new DurationEstimator(ticker);
        List<DurationEstimator.Flight> flights = startTogether(estimator, 300);
        assertThat(flights.stream().filter(DurationEstimator.Flight::scout)).hasSize(32);

        // when: 13 s later, 7 scouts ended, fewer than 8 and under a quarter
        ticker.advance(Duration.ofSeconds(13));
        for (int i = 0; i < 7; i++) {
            estimator.ended(flights.get(i), Duration.ofSeconds(13));
        }
        assertThat(estimator.knowsFirstLook()).isFalse();

        // then: two more, past a quarter of the scouts
        estimator.ended(flights.get(7), Duration.ofSeconds(13));
        estimator.ended(flights.get(8), Duration.ofSeconds(13));
        assertThat(estimator.knowsFirstLook()).isTrue();
    }

    @Test
    void shouldLetTheOthersPlanTheirLooksOnceAQuarterOfTheOrganizationsSampleEndedIfNoScoutDid() {
        // given: 300 started together, the 32 scouts among them still running
        DurationEstimator estimator = new DurationEstimator(ticker);
        List<DurationEstimator.Flight> flights = startTogether(estimator, 300);
        ticker.advance(Duration.ofSeconds(13));

        // when: 74 of the others ended, under a quarter of all
        for (int i = 32; i < 32 + 74; i++) {
            estimator.ended(flights.get(i), Duration.ofSeconds(13));
        }
        assertThat(estimator.knowsFirstLook()).isFalse();

        // then: two more, past a quarter
        estimator.ended(flights.get(32 + 74), Duration.ofSeconds(13));
        estimator.ended(flights.get(32 + 75), Duration.ofSeconds(13));
        assertThat(estimator.knowsFirstLook()).isTrue();
    }

    @Test
    void shouldNotLetTheOthersPlanTheirLooksOnTheSetupCanariesAlone() {
        // given: the three setup canaries ended, before any other started
        DurationEstimator estimator = new DurationEstimator(ticker);
        List<DurationEstimator.Flight> canaries = List.of(estimator.started(accountId(0), DAYS_30),
                estimator.started(accountId(1), DAYS_30), estimator.started(accountId(2), DAYS_30));
        ticker.advance(Duration.ofSeconds(15));
        canaries.forEach(canary -> estimator.ended(canary, Duration.ofSeconds(15)));

        // then: three durations are all ended but too few to plan a first look on
        assertThat(estimator.forecast(accountId(3), DAYS_30)).isNotNull();
        assertThat(estimator.knowsFirstLook()).isFalse();

        // and: an earlier night's durations are enough at once
        DurationEstimator nextNight = new DurationEstimator(() -> IntStream.range(0, 8)
                .mapToObj(i -> new Observation(accountId(i), DAYS_30, Duration.ofSeconds(15))).toList(), ticker);
        nextNight.forecast(accountId(0), DAYS_30);
        assertThat(nextNight.knowsFirstLook()).isTrue();
    }

    @Test
    void shouldNotTrustAnAccountsOwnForecastOnTheFirstFewOfItsErrors() {
        // given: 300 accounts' first generations, 13 s to 17 s, and their second ones started together
        DurationEstimator estimator = new DurationEstimator(ticker);
        for (int i = 0; i < 300; i++) {
            estimator.ended(estimator.started(accountId(i), DAYS_30), Duration.ofMillis(13_000 + 4_000L * i / 299));
        }
        List<DurationEstimator.Flight> seconds = startTogether(estimator, 300);

        // when: 12 s later, five of them ended exactly as long as their first (errors of 0), the rest still run
        ticker.advance(Duration.ofSeconds(12));
        for (int i = 100; i < 105; i++) {
            estimator.ended(seconds.get(i), Duration.ofMillis(13_000 + 4_000L * i / 299));
        }

        // then: five errors say nothing yet of how far one account's generations stray: the organization's forecast
        DurationForecast slowFirst = estimator.forecast(accountId(299), DAYS_30);
        assertThat(slowFirst.quantile(0.0)).as("not where its first ended, 17 s").isLessThan(Duration.ofSeconds(14));
        assertThat(slowFirst.quantile(1.0)).isLessThanOrEqualTo(Duration.ofSeconds(17));
    }

    @Test
    void shouldTrustAnAccountsOwnForecastOnceItsErrorsReachTheMedianWhereAccountsDiffer() {
        // given: 150 accounts took 8 s, 150 took 24 s, and their second generations started together
        DurationEstimator estimator = new DurationEstimator(ticker);
        for (int i = 0; i < 300; i++) {
            estimator.ended(estimator.started(accountId(i), DAYS_30), Duration.ofSeconds(i < 150 ? 8 : 24));
        }
        List<DurationEstimator.Flight> seconds = startTogether(estimator, 300);

        // when: 12 s later 100 fast ones ended within 2% of their first, 50 run past it: two thirds of the errors known
        ticker.advance(Duration.ofSeconds(12));
        for (int i = 0; i < 100; i++) {
            estimator.ended(seconds.get(i), Duration.ofMillis(8_000 + 160L * (i % 3 - 1)));
        }

        // then: compared as far as both reach, the accounts' own forecasts are the narrower
        DurationForecast fast = estimator.forecast(accountId(120), DAYS_30);
        assertThat(fast.provisional()).isFalse();
        assertThat(fast.quantile(0.5)).isBetween(Duration.ofMillis(7_800), Duration.ofMillis(8_200));
        assertThat(estimator.forecast(accountId(200), DAYS_30).quantile(0.5))
                .isBetween(Duration.ofMillis(23_400), Duration.ofMillis(24_600));
    }

    @Test
    void shouldCallProvisionalOnlyTheForecastOfAFastAccountWhileTheAccountsErrorsAreNotKnown() {
        // given: 60 accounts took 8 s, 240 took 24 s, and their second generations started: no error known yet
        DurationEstimator estimator = new DurationEstimator(ticker);
        for (int i = 0; i < 300; i++) {
            estimator.ended(estimator.started(accountId(i), DAYS_30), Duration.ofSeconds(i < 60 ? 8 : 24));
        }
        startTogether(estimator, 300);
        ticker.advance(Duration.ofSeconds(1));

        // then: the organization's forecast for all; provisional for a fast account, whose end it would look past
        DurationForecast fast = estimator.forecast(accountId(10), DAYS_30);
        assertThat(fast.provisional()).isTrue();
        assertThat(fast.quantile(0.45)).isCloseTo(Duration.ofSeconds(24), Duration.ofMillis(1));
        assertThat(fast.ownEnd()).as("where its own first ended").isCloseTo(Duration.ofSeconds(8), Duration.ofMillis(1));
        assertThat(estimator.forecast(accountId(100), DAYS_30).provisional()).as("a slow account").isFalse();
        assertThat(estimator.forecast("999988887777", DAYS_30).provisional()).as("an account not seen").isFalse();
    }

    @Test
    void shouldNotForecastShortFromTheFirstOfAWaveToEnd() {
        // given: 400 generations started at once, 20 s to 40 s; 10 s before the first ends nothing is known
        DurationEstimator estimator = new DurationEstimator(ticker);
        List<DurationEstimator.Flight> flights = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            flights.add(estimator.started(accountId(i), DAYS_30));
        }

        // when: 25 s later, the quarter that took 20 s to 25 s has ended (none of them a scout, the night's first 32)
        ticker.advance(Duration.ofSeconds(25));
        for (int i = 0; i < 100; i++) {
            estimator.ended(flights.get(399 - i), Duration.ofMillis(20_000 + 50L * i));
        }

        // then: a quarter ended by 25 s, the rest are known to take longer than that, not 20 s to 25 s
        DurationForecast forecast = estimator.forecast("999988887777", DAYS_30);
        assertThat(forecast.quantile(0.2)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(25));
        assertThat(forecast.quantile(0.45)).as("beyond what has ended: at least as long as those still running")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void shouldForecastFromTheScoutsWhileTheOthersLookTooSeldomToBeSeenEnding() {
        // given: 400 generations started at once, 20 s to 40 s; the night's first 32 (the scouts) look often
        DurationEstimator estimator = new DurationEstimator(ticker);
        List<DurationEstimator.Flight> flights = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            flights.add(estimator.started(accountId(i), DAYS_30));
        }
        assertThat(flights.subList(0, 32)).allMatch(DurationEstimator.Flight::scout);
        assertThat(flights.get(32).scout()).isFalse();

        // when: 40 s later every scout was seen ending, spread over 20 s to 40 s; the others not yet looked at
        ticker.advance(Duration.ofSeconds(40));
        for (int i = 0; i < 32; i++) {
            estimator.ended(flights.get(i), Duration.ofMillis(20_000 + 625L * i));
        }

        // then: the scouts, a fair sample of the night, forecast it (the organization's sample has seen 8% end)
        DurationForecast forecast = estimator.forecast("999988887777", DAYS_30);
        assertThat(forecast.reaches(0.92)).isTrue();
        assertThat(forecast.quantile(0.5)).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31));
    }

    @Test
    void shouldLeaveFailedGenerationsOutOfTheSample() {
        DurationEstimator estimator = new DurationEstimator(ticker);
        DurationEstimator.Flight failed = estimator.started(accountId(1), DAYS_30);
        DurationEstimator.Flight succeeded = estimator.started(accountId(2), DAYS_30);
        ticker.advance(Duration.ofSeconds(5));
        estimator.ended(failed, null);
        estimator.ended(succeeded, Duration.ofSeconds(5));

        ticker.advance(Duration.ofHours(1));
        assertThat(estimator.forecast(accountId(3), DAYS_30).quantile(1.0)).isCloseTo(Duration.ofSeconds(5), Duration.ofMillis(1));
    }

    @Test
    void shouldStartFromEarlierRunsHistoryReadOnce() {
        int[] reads = {0};
        DurationEstimator estimator = new DurationEstimator(() -> {
            reads[0]++;
            return List.of(new Observation("111122223333", DAYS_30, Duration.ofSeconds(30)));
        }, ticker);

        assertThat(estimator.forecast("111122223333", DAYS_30).quantile(0.5)).isCloseTo(Duration.ofSeconds(30), Duration.ofMillis(1));
        estimator.observe(new Observation("111122223333", DAYS_30, Duration.ofSeconds(30)));
        assertThat(reads[0]).isEqualTo(1);
    }

    @Test
    void shouldGoOnWithoutHistoryWhenItCannotBeRead() {
        DurationEstimator estimator = new DurationEstimator(() -> {
            throw new IllegalStateException("the database is unreachable");
        }, ticker);

        assertThat(estimator.forecast("111122223333", DAYS_30)).isNull();
    }

    @Test
    void shouldIgnoreNonPositiveDurationsFromSkewedClocks() {
        DurationEstimator estimator = new DurationEstimator(ticker);
        estimator.observe(new Observation("111122223333", DAYS_30, Duration.ofSeconds(-1)));

        assertThat(estimator.forecast("111122223333", DAYS_30)).isNull();
    }

    private static String accountId(int n) {
        return String.format("1111222%05d", n);
    }

    /** One generation started now in each of the first {@code count} accounts. */
    private static List<DurationEstimator.Flight> startTogether(DurationEstimator estimator, int count) {
        List<DurationEstimator.Flight> flights = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            flights.add(estimator.started(accountId(i), DAYS_30));
        }
        return flights;
    }
}
