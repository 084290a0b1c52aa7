package io.policygen.preflight;

/** What a preflight check looks at; each problem and each line of the summary table is of one kind. */
public enum CheckKind {
    CREDENTIALS("credentials"),
    ORGANIZATION("organization"),
    TRAIL("trail"),
    LOG_FILES("log files"),
    MEMBER_ROLE("member role"),
    ACCESS_ROLE("access role"),
    PASS_ROLE("PassRole"),
    ACTIONS("actions");

    private final String label;

    CheckKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
