package io.policygen.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {

    @Test
    void shouldReadAStatementObjectWithStringValues() {
        PolicyDocument document = PolicyDocument.parse("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}""");

        assertThat(document.statements()).containsExactly(new PolicyStatement(PolicyStatement.Effect.ALLOW,
                List.of("s3:GetObject"), false, List.of("*"), false, null));
        assertThat(document.statements().getFirst().unconditional()).isTrue();
    }

    @Test
    void shouldReadAStatementArrayWithNotActionNotResourceAndCondition() {
        PolicyDocument document = PolicyDocument.parse("""
                {"Statement": [
                  {"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "NotResource": ["arn:aws:s3:::a", "arn:aws:s3:::b"]},
                  {"Effect": "Allow", "Action": ["s3:*"], "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
                ]}""");

        PolicyStatement deny = document.statements().get(0);
        assertThat(deny.effect()).isEqualTo(PolicyStatement.Effect.DENY);
        assertThat(deny.notAction()).isTrue();
        assertThat(deny.actions()).containsExactly("iam:*", "sts:*");
        assertThat(deny.notResource()).isTrue();
        assertThat(deny.resources()).containsExactly("arn:aws:s3:::a", "arn:aws:s3:::b");
        assertThat(deny.unconditional()).isFalse();
        PolicyStatement allow = document.statements().get(1);
        assertThat(allow.condition()).isEqualTo("{\"Bool\":{\"aws:SecureTransport\":\"true\"}}");
        assertThat(allow.unconditional()).isFalse();
    }

    @Test
    void shouldDecodeAUrlEncodedDocumentKeepingPlusSigns() {
        String json = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::team+ops data/*\"}}";
        String encoded = URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20").replace("%2B", "+");

        assertThat(PolicyDocument.parse(encoded).statements().getFirst().resources()).containsExactly("arn:aws:s3:::team+ops data/*");
    }

    @Test
    void shouldSayWhatIsWrongWithATextThatIsNoPolicyDocument() {
        assertThatThrownBy(() -> PolicyDocument.parse("not json")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> PolicyDocument.parse("[]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Version\":\"2012-10-17\"}")).hasMessage("no Statement object or array");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}}"))
                .hasMessageContaining("Statement 1 has Effect \"Maybe\"");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"s3:*\"}]}"))
                .hasMessageContaining("exactly one of Action and NotAction");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[1],\"Resource\":\"*\"}}"))
                .hasMessageContaining("not a string");
    }

    @Test
    void shouldTellWhichActionsAStatementCovers() {
        PolicyStatement action = new PolicyStatement(PolicyStatement.Effect.DENY, List.of("New:*"), false, List.of("*"), false, null);
        PolicyStatement notAction = new PolicyStatement(PolicyStatement.Effect.DENY, List.of("new:*"), true, List.of("*"), false, null);

        assertThat(action.covers("new:DoThing")).isTrue();
        assertThat(action.covers("other:DoThing")).isFalse();
        assertThat(notAction.covers("new:DoThing")).isFalse();
        assertThat(notAction.covers("other:DoThing")).isTrue();
    }
}
