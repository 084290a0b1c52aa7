package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.principal.IamItem.PolicyVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The hand-written JSON reads back as the values it was given; a document that is not one JSON value stays a string. */
class DocumentJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String AWKWARD = "quote \" backslash \\ slash / tab \t newline \n bell \u0007 é 𝄞 <tag> {brace} [x], NULL";

    @Test
    void shouldKeepEachDocumentThatIsJsonAsJsonAndAnyOtherTextAsAString() {
        Map<String, String> byName = new LinkedHashMap<>();
        byName.put("policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        byName.put("spaced", "  \n {\"a\" : [1, 2.5, true, null]}\t ");
        byName.put("broken", "not json {");
        byName.put("trailing", "{\"a\":1} extra");
        byName.put("two values", "{}{}");
        byName.put("empty", "");
        byName.put(AWKWARD, AWKWARD);

        JsonNode read = JSON.readTree(DocumentJson.documents(byName));

        assertThat(read.propertyNames()).containsExactlyElementsOf(byName.keySet());
        assertThat(read.get("policy")).isEqualTo(JSON.readTree(byName.get("policy")));
        assertThat(read.get("spaced")).isEqualTo(JSON.readTree("{\"a\":[1,2.5,true,null]}"));
        for (String text : List.of("broken", "trailing", "two values", "empty")) {
            assertThat(read.get(text).isString()).as(text).isTrue();
            assertThat(read.get(text).asString()).isEqualTo(byName.get(text));
        }
        assertThat(read.get(AWKWARD).asString()).isEqualTo(AWKWARD);
    }

    @Test
    void shouldWriteNoDocumentsAsAnEmptyObject() {
        assertThat(JSON.readTree(DocumentJson.documents(Map.of()))).isEqualTo(JSON.createObjectNode());
        assertThat(JSON.readTree(DocumentJson.strings(Map.of()))).isEqualTo(JSON.createObjectNode());
        assertThat(JSON.readTree(DocumentJson.versions(List.of()))).isEqualTo(JSON.createArrayNode());
    }

    @Test
    void shouldWriteTagsAndVersionsAsTheirStrings() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", AWKWARD);
        tags.put(AWKWARD, "");
        JsonNode read = JSON.readTree(DocumentJson.strings(tags));
        assertThat(read.get("team").asString()).isEqualTo(AWKWARD);
        assertThat(read.get(AWKWARD).asString()).isEmpty();

        JsonNode versions = JSON.readTree(DocumentJson.versions(List.of(
                new PolicyVersion("arn:aws:iam::aws:policy/ReadOnlyAccess", "v9"), new PolicyVersion("arn:aws:iam::1:policy/" + AWKWARD, null))));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("arn").asString()).isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(versions.get(0).get("version").asString()).isEqualTo("v9");
        assertThat(versions.get(1).get("arn").asString()).isEqualTo("arn:aws:iam::1:policy/" + AWKWARD);
        assertThat(versions.get(1).get("version").isNull()).isTrue();
    }

    @Test
    void shouldKeepAManagedPolicyDocumentAsJsonOrAsAString() {
        assertThat(JSON.readTree(DocumentJson.documentText("[\"a\", {\"b\": 2}]"))).isEqualTo(JSON.readTree("[\"a\",{\"b\":2}]"));
        assertThat(JSON.readTree(DocumentJson.documentText("{\"a\":")).asString()).isEqualTo("{\"a\":");
    }
}
