package io.policygen.run;

/** Process exit codes for cron and schedulers; see design.md "Exit codes". */
public enum ExitCode {
    /** Every due principal was submitted or settled. */
    COMPLETED(0),
    /** The run failed; run again to restart it. */
    FAILED(1),
    /** Bad configuration or usage; nothing was called. */
    BAD_CONFIGURATION(2),
    /** Stopped at a service quota in at least one account; run again later to resume. */
    QUOTA_STOPPED(3),
    /** Another run is in progress; nothing was done. */
    ALREADY_RUNNING(4),
    /**
     * Finished, but some accounts (or the whole organization) could not generate because of their setup: the member
     * or access role, the trail, its bucket or key policy. Rerunning will not help until it is fixed.
     */
    SETUP_PROBLEMS(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
