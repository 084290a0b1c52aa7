package io.policygen.simulator;

import java.time.Instant;

/** An IAM role or user of one account. */
public record Principal(Kind kind, String accountId, String path, String name, String id, String arn,
                        Instant createDate) {

    public enum Kind {
        ROLE("role"), USER("user");

        private final String arnType;

        Kind(String arnType) {
            this.arnType = arnType;
        }

        /** The resource type in the ARN: {@code role} or {@code user}. */
        public String arnType() {
            return arnType;
        }
    }

    public static Principal of(Kind kind, String accountId, String path, String name, String id, Instant created) {
        return new Principal(kind, accountId, path, name, id, arn(kind, accountId, path, name), created);
    }

    public static String arn(Kind kind, String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":" + kind.arnType() + path + name;
    }

    /** Service-linked roles live under {@code /aws-service-role/}, as in real accounts. */
    public boolean serviceLinked() {
        return path.startsWith("/aws-service-role/");
    }
}
