package io.policygen.preflight;

/**
 * What a preflight looks at.
 *
 * @param sample      0: every account in scope; otherwise the account policygen runs in and the first {@code sample}
 *                    other accounts by account id, the same ones each time
 * @param concurrency accounts checked at once
 */
public record PreflightOptions(int sample, int concurrency) {

    /** Few enough that the member accounts' IAM calls stay well inside the client-side rate limits. */
    public static final int DEFAULT_CONCURRENCY = 8;

    public PreflightOptions {
        if (sample < 0) {
            throw new IllegalArgumentException("sample must be 0 (every account) or positive, was " + sample);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive, was " + concurrency);
        }
    }

    public static PreflightOptions everyAccount() {
        return new PreflightOptions(0, DEFAULT_CONCURRENCY);
    }

    public static PreflightOptions sample(int accounts) {
        if (accounts < 1) {
            throw new IllegalArgumentException("a sample needs at least one account, was " + accounts);
        }
        return new PreflightOptions(accounts, DEFAULT_CONCURRENCY);
    }

    public boolean sampled() {
        return sample > 0;
    }
}
