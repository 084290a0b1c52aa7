package io.policygen.simulator;

/**
 * How the seeded principals of the organization live, as shares of all of them: never or long unused, created in
 * the last days, opted out of policy generation by tag. The rest are in daily use. Shares are the simulator's guess
 * at a typical organization, not a published figure.
 *
 * @param unused   last used more than 100 days before the simulator started (up to 400), or never
 * @param tooNew   created in the five days before the simulator started
 * @param optedOut tagged {@code policygen:skip}, without a value or with a date still to come
 */
public record PrincipalMix(double unused, double tooNew, double optedOut) {

    /** A quarter unused, 3% new, 4% opted out: the default. */
    public static final PrincipalMix REALISTIC = new PrincipalMix(0.25, 0.03, 0.04);
    /** Every principal old and in daily use, none opted out: every one is worth a generation. */
    public static final PrincipalMix ALL_ACTIVE = new PrincipalMix(0, 0, 0);

    public PrincipalMix {
        for (double share : new double[] {unused, tooNew, optedOut}) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("--unused-share, --new-share, --opted-out-share: each must be 0-1");
            }
        }
        if (unused + tooNew + optedOut > 1) {
            throw new IllegalArgumentException("--unused-share, --new-share, --opted-out-share: together at most 1");
        }
    }

    public PrincipalMix withUnused(double share) {
        return new PrincipalMix(share, tooNew, optedOut);
    }

    public PrincipalMix withTooNew(double share) {
        return new PrincipalMix(unused, share, optedOut);
    }

    public PrincipalMix withOptedOut(double share) {
        return new PrincipalMix(unused, tooNew, share);
    }
}
