package io.policygen.gap;

/**
 * An action's access level, as the Service Authorization Reference classifies it, with its weight in a principal's
 * score: an unused action that manages permissions (iam:AttachRolePolicy, s3:PutBucketPolicy) lets its holder grant
 * itself anything, so it weighs ten; one that writes five; tagging three (tags drive attribute-based conditions, so
 * tagging can widen access); reading two; listing one. An action the catalog does not know weighs as a write: over
 * half of the catalog's actions are writes, and an unknown action should not rank a principal lower.
 */
public enum AccessLevel {

    LIST('L', "List", 1),
    READ('R', "Read", 2),
    TAGGING('T', "Tagging", 3),
    WRITE('W', "Write", 5),
    PERMISSIONS_MANAGEMENT('P', "Permissions management", 10),
    UNKNOWN('?', "Unknown", 5);

    private final char code;
    private final String label;
    private final int weight;

    AccessLevel(char code, String label, int weight) {
        this.code = code;
        this.label = label;
        this.weight = weight;
    }

    /** The letter the catalog file uses. */
    public char code() {
        return code;
    }

    /** As IAM's documentation names it. */
    public String label() {
        return label;
    }

    /** What one unused action of this level adds to a principal's score. */
    public int weight() {
        return weight;
    }

    static AccessLevel ofCode(char code) {
        for (AccessLevel level : values()) {
            if (level.code == code && level != UNKNOWN) {
                return level;
            }
        }
        throw new IllegalArgumentException("no access level '" + code + "'");
    }
}
