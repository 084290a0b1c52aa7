package io.policygen.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When a seeded principal was created and last used, from its unique id, the seed and the {@link PrincipalMix},
 * relative to the simulator's start (its epoch): a quarter of principals unused by default, a few created days
 * ago, a few opted out. A principal in use was used on one of the last 20 days, mostly the last few, and keeps
 * being used as the simulated clock moves on (its last use follows the clock's day); an unused one was last used
 * 100 to 400 days before the epoch, or never.
 */
final class PrincipalLife {

    enum Habit { IN_USE, UNUSED, NEW, OPTED_OUT }

    private static final long DAY = 86_400;
    private static final long FIVE_YEARS = 5 * 365 * DAY;

    private final long h;
    private final Habit habit;
    private final Instant created;

    private PrincipalLife(long h, Habit habit, Instant created) {
        this.h = h;
        this.habit = habit;
        this.created = created;
    }

    static PrincipalLife of(long seed, String uniqueId, PrincipalMix mix, Instant epoch) {
        long h = Hashing.hash(seed, uniqueId);
        double u = Hashing.unit(Hashing.hash(h, 1));
        Habit habit = u < mix.unused() ? Habit.UNUSED
                : u < mix.unused() + mix.tooNew() ? Habit.NEW
                : u < mix.unused() + mix.tooNew() + mix.optedOut() ? Habit.OPTED_OUT : Habit.IN_USE;
        double v = Hashing.unit(Hashing.hash(h, 2));
        long age = switch (habit) {
            case NEW -> 3600 + (long) (v * 5 * DAY);
            case UNUSED -> 420 * DAY + (long) (v * (FIVE_YEARS - 420 * DAY));
            default -> 8 * DAY + (long) (v * FIVE_YEARS);
        };
        return new PrincipalLife(h, habit, epoch.minusSeconds(age).truncatedTo(ChronoUnit.SECONDS));
    }

    Habit habit() {
        return habit;
    }

    Instant created() {
        return created;
    }

    /** Its last use as of {@code now}; null: never. */
    Instant lastUsed(Instant epoch, Instant now) {
        double u = Hashing.unit(Hashing.hash(h, 3));
        return switch (habit) {
            case UNUSED -> u < 0.4 ? null : epoch.minusSeconds(100 * DAY + (long) (Hashing.unit(Hashing.hash(h, 4)) * 300 * DAY))
                    .truncatedTo(ChronoUnit.SECONDS);
            case NEW -> u < 0.4 ? null : latest(now, 0);
            default -> latest(now, (int) (20 * u * u * u));
        };
    }

    /** Used {@code daysAgo} days before now's day, at a time of day of its own, never after now nor before its creation. */
    private Instant latest(Instant now, int daysAgo) {
        Instant day = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(daysAgo));
        Instant used = day.plusSeconds(Hashing.below(Hashing.hash(h, 5), (int) DAY));
        if (used.isAfter(now)) {
            used = used.minus(Duration.ofDays(1));
        }
        return !used.isBefore(created) ? used : now.isBefore(created) ? null : created;
    }

    /** {@code policygen:skip} of an opted-out principal: no value (for good) or a date to come; a few in use carry one that has passed. */
    String optOutTag(Instant epoch) {
        double u = Hashing.unit(Hashing.hash(h, 6));
        if (habit == Habit.OPTED_OUT) {
            return u < 0.6 ? "" : epoch.plus(Duration.ofDays(30 + Hashing.below(Hashing.hash(h, 7), 335))).toString().substring(0, 10);
        }
        if (habit == Habit.IN_USE && u < 0.03) {
            return epoch.minus(Duration.ofDays(1 + Hashing.below(Hashing.hash(h, 7), 200))).toString().substring(0, 10);
        }
        return null;
    }

    long hash() {
        return h;
    }
}
