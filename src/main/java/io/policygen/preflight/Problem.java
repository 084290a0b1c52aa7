package io.policygen.preflight;

/**
 * One thing that needs fixing before a run can generate policies: what is wrong, where, and what to do.
 *
 * @param accountId the account it is in, or null for the organization's setup (credentials, trail, window)
 * @param resource  the role, trail or setting that is wrong
 * @param what      what is wrong with it, with the AWS call and error code that told
 * @param fix       what to do, in plain words, naming the file or the section of config/iam/README.md
 */
public record Problem(CheckKind kind, String accountId, String resource, String what, String fix) {

    /** The problem on one line: kind, account, resource, what is wrong, the fix. */
    public String line() {
        String where = accountId == null ? resource : "account " + accountId + " " + resource;
        return kind.label() + ": " + where + ": " + what + ". Fix: " + fix;
    }
}
