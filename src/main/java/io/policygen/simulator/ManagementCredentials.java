package io.policygen.simulator;

/** The management account's long-term access key, as a client configures it. */
public record ManagementCredentials(String accessKeyId, String secretAccessKey) {
}
