package io.policygen.aws;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;

/**
 * Access Analyzer in one Region as one member account: the Region's client, shared by every account, and what each
 * request must carry ({@code overrideConfiguration(asMember)}) to be made with the account's member-role credentials
 * and counted in its rate scope. A request without it fails: the shared client has no credentials of its own. Each
 * call goes through {@code session.call}, which renews the account's session when AWS refuses it as expired.
 */
public record MemberAccessAnalyzer(AccessAnalyzerClient client, AwsRequestOverrideConfiguration asMember,
                                   MemberSession session) {
}
