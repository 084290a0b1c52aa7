package io.policygen.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrustPolicyTest {

    static final String SERVICE = "access-analyzer.amazonaws.com";

    /** As IAM's GetRole returns it: URL-encoded (RFC 3986, spaces as %20). */
    static String encoded(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static boolean trusts(String statements) {
        return TrustPolicy.allowsService(encoded("{\"Version\": \"2012-10-17\", \"Statement\": " + statements + "}"), SERVICE);
    }

    @Test
    void shouldTrustAccessAnalyzerWhenAnAllowStatementNamesItForAssumeRole() {
        assertThat(trusts("""
                [{"Effect": "Allow", "Principal": {"Service": "access-analyzer.amazonaws.com"}, "Action": "sts:AssumeRole"}]
                """)).isTrue();
    }

    @Test
    void shouldReadTheDocumentWhetherUrlEncodedOrNot() {
        String json = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + SERVICE
                + "\"},\"Action\":\"sts:AssumeRole\"}}";

        assertThat(TrustPolicy.decode(encoded(json))).isEqualTo(json);
        assertThat(TrustPolicy.allowsService(json, SERVICE)).isTrue();
        assertThat(TrustPolicy.allowsService(encoded(json), SERVICE)).isTrue();
    }

    @Test
    void shouldTrustAccessAnalyzerAmongOtherServicesAndActions() {
        assertThat(trusts("""
                [{"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com", "access-analyzer.amazonaws.com"]},
                  "Action": ["sts:TagSession", "sts:AssumeRole"],
                  "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]
                """)).isTrue();
    }

    @Test
    void shouldMatchActionWildcardsCaseInsensitively() {
        assertThat(trusts("""
                [{"Effect": "Allow", "Principal": {"Service": "access-analyzer.amazonaws.com"}, "Action": "STS:Assume*"}]
                """)).isTrue();
        assertThat(trusts("""
                [{"Effect": "Allow", "Principal": {"Service": "access-analyzer.amazonaws.com"}, "Action": "sts:*"}]
                """)).isTrue();
    }

    @Test
    void shouldNotTrustAccessAnalyzerWhenOnlyTheAccountIsTrusted() {
        assertThat(trusts("""
                [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]
                """)).isFalse();
    }

    @Test
    void shouldNotTrustAccessAnalyzerWhenAnotherServiceIsTrusted() {
        assertThat(trusts("""
                [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]
                """)).isFalse();
    }

    @Test
    void shouldNotTrustAccessAnalyzerForAnotherAction() {
        assertThat(trusts("""
                [{"Effect": "Allow", "Principal": {"Service": "access-analyzer.amazonaws.com"}, "Action": "sts:TagSession"}]
                """)).isFalse();
    }

    @Test
    void shouldNotTrustAccessAnalyzerWhenADenyStatementMatches() {
        assertThat(trusts("""
                [{"Effect": "Allow", "Principal": {"Service": "access-analyzer.amazonaws.com"}, "Action": "sts:AssumeRole"},
                 {"Effect": "Deny", "Principal": {"Service": "access-analyzer.amazonaws.com"}, "Action": "sts:*"}]
                """)).isFalse();
    }

    @Test
    void shouldNotTrustAnythingInAnUnreadableDocument() {
        assertThat(TrustPolicy.allowsService("%7B%22Statement%22", SERVICE)).isFalse();
        assertThat(TrustPolicy.allowsService(encoded("{}"), SERVICE)).isFalse();
    }
}
