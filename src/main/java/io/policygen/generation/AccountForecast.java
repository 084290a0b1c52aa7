package io.policygen.generation;

/**
 * Which forecast an account seen before gets: its own (its learnt rate, spread as the errors of the night's account
 * forecasts, all accounts together) where that is narrower than the organization's, else the organization's, which is
 * provisional for an account much faster than the organization while the two cannot be compared yet.
 */
final class AccountForecast {

    /**
     * An account's own forecast is trusted only on this many ended predictions (all accounts'): on the night's first
     * few second generations to end, the spread of the errors looked narrow (the others, just started, said nothing),
     * and every account's second generation was looked at where its first ended: 1.8 s lost after it, not 0.8.
     */
    private static final int ACCOUNT_ERRORS_TRUSTED = 30;
    /** The share of both samples seen to end before an account's errors and the organization's are compared. */
    private static final double COMPARED_FROM = 0.5;
    /**
     * An account whose own generations took less than this share of the organization's median is looked at where its
     * own end while its forecast cannot be compared, and has its looks planned again once it can
     * ({@link DurationForecast#provisional()}). Only these: where accounts do not differ (a uniform jitter of 15%) none
     * is, and its own first duration would look too early; and the others would check for nothing, ten thousand of them
     * every second at scale.
     */
    private static final double PROVISIONAL_BELOW = 0.75;

    private AccountForecast() {
    }

    /**
     * @param logDays      the logarithm of the window's days
     * @param rate         the account's learnt rate (the logarithm of seconds per day of window)
     * @param errors       the distribution of the errors of accounts' own forecasts
     * @param organization the organization's distribution of rates
     */
    static DurationForecast of(double logDays, double rate, DurationSamples.Distribution errors,
                               DurationSamples.Distribution organization) {
        // compared as far as both have seen generations end: on a first night the errors reach the median long
        // before 90%, and a fast account's second generation forecast from the organization is looked at where
        // the organization's end, seconds after its own
        double upTo = Math.min(0.9, Math.min(errors.reach(), organization.reach()));
        boolean comparable = errors.ended().length >= ACCOUNT_ERRORS_TRUSTED && upTo >= COMPARED_FROM;
        if (comparable) {
            return errors.spread(upTo) < organization.spread(upTo)
                    ? new DurationForecast(logDays + rate, errors) : new DurationForecast(logDays, organization);
        }
        // an account much faster than the organization would be looked at long after its own end; against the
        // median, or while it is beyond reach the longest ended, which it is at least
        double median = organization.quantile(Math.min(0.5, organization.reach()));
        boolean faster = rate < median + Math.log(PROVISIONAL_BELOW);
        return new DurationForecast(logDays, organization, faster ? logDays + rate : Double.NaN);
    }
}
