package io.policygen.gap;

import java.util.ArrayList;
import java.util.List;

/** A small hand-written catalog, so that tests can name every action a wildcard expands to. */
final class TestCatalog {

    static final ActionCatalog CATALOG = ActionCatalog.parse("""
            # test catalog
            # source: hand-written for the tests
            ec2	DescribeInstances	L
            ec2	RunInstances	W
            ec2	TerminateInstances	W
            iam	AttachRolePolicy	P
            iam	GetRole	R
            iam	PassRole	W
            s3	DeleteObject	W
            s3	GetBucketPolicy	R
            s3	GetObject	R
            s3	ListBucket	L
            s3	PutBucketPolicy	P
            s3	PutObject	W
            s3	PutObjectTagging	T
            sqs	ReceiveMessage	R
            sqs	SendMessage	W
            """);

    private TestCatalog() {
    }

    /** A policy document of these statements (each a JSON object's text). */
    static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    /** A JSON array of {@code copies} actions, {@code action} numbered from 0: "s3:GetObject0", "s3:GetObject1", ... */
    static String actions(String action, int copies) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            values.add("\"" + action + i + "\"");
        }
        return "[" + String.join(",", values) + "]";
    }

    static String allow(String actions) {
        return "{\"Effect\":\"Allow\",\"Action\":" + actions + ",\"Resource\":\"*\"}";
    }

    static String deny(String actions) {
        return "{\"Effect\":\"Deny\",\"Action\":" + actions + ",\"Resource\":\"*\"}";
    }

    /** The generated policy of these documents, complete. */
    static GeneratedPolicy generated(String... documents) {
        return new GeneratedPolicy("[" + String.join(",", documents) + "]", true);
    }
}
