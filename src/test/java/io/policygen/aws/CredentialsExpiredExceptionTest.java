package io.policygen.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class CredentialsExpiredExceptionTest {

    private static AwsServiceException answer(String service, String code) {
        return AwsServiceException.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName(service).errorCode(code)
                        .errorMessage("The security token included in the request is expired").build())
                .build();
    }

    @Test
    void shouldNameTheManagementCredentialsWhenStsOrOrganizationsSaysSo() {
        assertThat(CredentialsExpiredException.in(answer("Sts", "ExpiredToken"))).hasValueSatisfying(e -> assertThat(e)
                .hasMessageStartingWith("the management account's credentials policygen was started with have expired"
                        + " (Sts ExpiredToken: The security token included in the request is expired); renew them"));
        assertThat(CredentialsExpiredException.in(answer("Organizations", "ExpiredTokenException")))
                .hasValueSatisfying(e -> assertThat(e).hasMessageStartingWith("the management account's credentials"));
        assertThat(CredentialsExpiredException.in(answer("Sts", "ExpiredToken"))).hasValueSatisfying(e ->
                assertThat(e.memberSession()).as("renewing a member session would ask STS with the same credentials").isFalse());
    }

    @Test
    void shouldNameAMemberSessionWhenAccessAnalyzerOrIamSaysSo() {
        assertThat(CredentialsExpiredException.in(answer("AccessAnalyzer", "ExpiredTokenException")))
                .hasValueSatisfying(e -> assertThat(e).hasMessageStartingWith("a member account's role session was refused as"
                        + " expired, and again once renewed").hasMessageContaining("(AccessAnalyzer ExpiredTokenException: ")
                        .hasMessageNotContaining("renew them"));
        assertThat(CredentialsExpiredException.in(answer("Iam", "ExpiredToken"))).hasValueSatisfying(e -> {
            assertThat(e.memberSession()).isTrue();
            assertThat(e.awsSaid()).isEqualTo("Iam ExpiredToken: The security token included in the request is expired");
        });
    }

    @Test
    void shouldFindTheAnswerAmongTheCausesAndNothingElse() {
        RuntimeException wrapped = new IllegalStateException("step failed", SdkClientException.create("no credentials",
                answer("Sts", "ExpiredToken")));
        assertThat(CredentialsExpiredException.in(wrapped)).isPresent();
        assertThat(CredentialsExpiredException.in(answer("Sts", "AccessDenied"))).isEmpty();
        assertThat(CredentialsExpiredException.in(answer("AccessAnalyzer", "UnrecognizedClientException"))).isEmpty();
        assertThat(CredentialsExpiredException.in(new IllegalStateException("no AWS here"))).isEmpty();
    }
}
