package io.policygen.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The server-side check agrees with the SDK's own SigV4 signer, and catches any tampering. */
class SigV4Test {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    static SimRequest signed(SdkHttpMethod method, String uri, String body, String service) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIDEXAMPLE", SECRET))
                .request(SdkHttpRequest.builder().method(method).uri(URI.create(uri))
                        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build())
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        SdkHttpRequest request = signed.request();
        Map<String, List<String>> headers = new HashMap<>();
        request.headers().forEach((k, v) -> headers.computeIfAbsent(k.toLowerCase(Locale.ROOT),
                x -> new ArrayList<>()).addAll(v));
        headers.putIfAbsent("host", List.of(request.host() + ":" + request.port()));
        URI sent = request.getUri();
        return new SimRequest(method.name(), sent.getRawPath(), sent.getRawQuery(), headers,
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldAcceptWhatTheSdkSignerSigned() {
        // given
        SimRequest request = signed(SdkHttpMethod.GET, "http://127.0.0.1:4566/policy/generation?principalArn="
                + "arn%3Aaws%3Aiam%3A%3A107000000002%3Arole%2Fteam%2Fdata%2Fetl-ci-7&maxResults=5", "",
                "access-analyzer");

        // when
        SigV4.Authorization auth = SigV4.parse(request.header("authorization"));

        // then
        assertThat(auth.service()).isEqualTo("access-analyzer");
        assertThat(auth.region()).isEqualTo("us-east-1");
        assertThat(auth.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(SigV4.verify(request, auth, SECRET)).isTrue();
    }

    @Test
    void shouldRefuseATamperedBodyPathOrSecret() {
        // given
        SimRequest request = signed(SdkHttpMethod.POST, "http://127.0.0.1:4566/", "Action=ListRoles&Version=2010-05-08",
                "iam");
        SigV4.Authorization auth = SigV4.parse(request.header("authorization"));

        // then
        assertThat(SigV4.verify(request, auth, SECRET)).isTrue();
        assertThat(SigV4.verify(request, auth, SECRET + "x")).isFalse();
        assertThat(SigV4.verify(new SimRequest(request.method(), request.rawPath(), request.rawQuery(),
                request.headers(), "Action=ListUsers&Version=2010-05-08".getBytes(StandardCharsets.UTF_8)), auth,
                SECRET)).isFalse();
        assertThat(SigV4.verify(new SimRequest(request.method(), "/other", request.rawQuery(), request.headers(),
                request.body()), auth, SECRET)).isFalse();
    }

    @Test
    void shouldNotParseAnythingButSigV4() {
        assertThat(SigV4.parse(null)).isNull();
        assertThat(SigV4.parse("AWS AKIDEXAMPLE:signature")).isNull();
    }
}
