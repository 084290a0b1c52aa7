package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.principal.IamEntity.ListedPrincipal;
import io.policygen.principal.IamItem.Assessment;
import io.policygen.principal.IamItem.DiscoveredPrincipal;
import io.policygen.principal.IamItem.PolicyVersion;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final LastUse USED = new LastUse(Instant.parse("2026-11-18T07:30:00Z"), "password", true);
    private static final Assessment ASSESSMENT = new Assessment(Breadth.NARROW, List.of("s3:GetObject"), "hash", "print",
            Eligibility.ELIGIBLE, "used 2 days ago");

    private static DiscoveredPrincipal user(String name, String path, Map<String, String> inline, Map<String, String> tags,
                                            List<String> groups, List<PolicyVersion> attached, LastUse lastUse,
                                            Assessment assessment) {
        ListedPrincipal listed = new ListedPrincipal(PrincipalType.USER, "arn:aws:iam::111122223333:user" + path + name, name,
                path, "AIDA" + name.toUpperCase(), CREATED, inline, attached.stream().map(PolicyVersion::arn).toList(), null,
                tags, groups, null);
        return new DiscoveredPrincipal("111122223333", listed, attached, null, lastUse, assessment);
    }

    private static DiscoveredPrincipal alice() {
        return user("alice", "/", Map.of("p", "{\"Statement\":[]}"), Map.of("team", "a"), List.of("g"),
                List.of(new PolicyVersion("arn:aws:iam::aws:policy/ReadOnlyAccess", "v9")), USED, ASSESSMENT);
    }

    @Test
    void shouldBeTheSameForTheSameValuesAndDifferWhenAnyStoredValueDiffers() {
        assertThat(alice().contentHash()).isEqualTo(alice().contentHash()).hasSize(32);
        PolicyVersion readOnly = new PolicyVersion("arn:aws:iam::aws:policy/ReadOnlyAccess", "v9");
        List<DiscoveredPrincipal> variants = List.of(alice(),
                user("alice", "/team/", Map.of("p", "{\"Statement\":[]}"), Map.of("team", "a"), List.of("g"), List.of(readOnly), USED, ASSESSMENT),
                user("alice", "/", Map.of("p", "{\"Statement\": []}"), Map.of("team", "a"), List.of("g"), List.of(readOnly), USED, ASSESSMENT),
                user("alice", "/", Map.of("p", "{\"Statement\":[]}"), Map.of("team", "b"), List.of("g"), List.of(readOnly), USED, ASSESSMENT),
                user("alice", "/", Map.of("p", "{\"Statement\":[]}"), Map.of("team", "a"), List.of(), List.of(readOnly), USED, ASSESSMENT),
                user("alice", "/", Map.of("p", "{\"Statement\":[]}"), Map.of("team", "a"), List.of("g"),
                        List.of(new PolicyVersion(readOnly.arn(), "v10")), USED, ASSESSMENT),
                user("alice", "/", Map.of("p", "{\"Statement\":[]}"), Map.of("team", "a"), List.of("g"), List.of(readOnly),
                        new LastUse(USED.at().plusSeconds(1), "password", true), ASSESSMENT),
                user("alice", "/", Map.of("p", "{\"Statement\":[]}"), Map.of("team", "a"), List.of("g"), List.of(readOnly), USED,
                        new Assessment(Breadth.NARROW, List.of("s3:GetObject"), "hash", "print", Eligibility.UNUSED, "used 2 days ago")),
                user("alice", "/", Map.of("p", "{\"Statement\":[]}"), Map.of("team", "a"), List.of("g"), List.of(readOnly), USED,
                        new Assessment(Breadth.NARROW, List.of("s3:GetObject"), "hash", "print", Eligibility.ELIGIBLE, "used 3 days ago")));
        Set<String> hashes = new HashSet<>();
        variants.forEach(p -> hashes.add(p.contentHash()));
        assertThat(hashes).hasSize(variants.size());
    }

    @Test
    void shouldTellAChangeOfUseAloneFromAnyOther() {
        PolicyVersion readOnly = new PolicyVersion("arn:aws:iam::aws:policy/ReadOnlyAccess", "v9");
        String usedLater = user("alice", "/", Map.of("p", "{\"Statement\":[]}"), Map.of("team", "a"), List.of("g"),
                List.of(readOnly), new LastUse(USED.at().plusSeconds(86_400), "password", true), ASSESSMENT).contentHash();
        String unused = user("alice", "/", Map.of("p", "{\"Statement\":[]}"), Map.of("team", "a"), List.of("g"),
                List.of(readOnly), USED, new Assessment(Breadth.NARROW, List.of("s3:GetObject"), "hash", "print",
                        Eligibility.UNUSED, "last used 2026-11-18 (password); lookback is 30 days")).contentHash();
        String retagged = user("alice", "/", Map.of("p", "{\"Statement\":[]}"), Map.of("team", "b"), List.of("g"),
                List.of(readOnly), new LastUse(USED.at().plusSeconds(86_400), "password", true), ASSESSMENT).contentHash();
        String stored = alice().contentHash();

        assertThat(ContentHash.sameButUse(usedLater, stored)).isTrue();
        assertThat(ContentHash.sameButUse(unused, stored)).isTrue();
        assertThat(ContentHash.sameButUse(retagged, stored)).isFalse();
        assertThat(ContentHash.sameButUse(stored, stored)).isFalse();
        assertThat(ContentHash.sameButUse(stored, null)).isFalse();
    }

    @Test
    void shouldNotLetValuesRunTogether() {
        DiscoveredPrincipal split = user("alice", "/", Map.of("ab", "c"), Map.of(), List.of(), List.of(), USED, ASSESSMENT);
        DiscoveredPrincipal joined = user("alice", "/", Map.of("a", "bc"), Map.of(), List.of(), List.of(), USED, ASSESSMENT);
        DiscoveredPrincipal noTag = user("alice", "/", Map.of(), Map.of(), List.of("x", "y"), List.of(), USED, ASSESSMENT);
        DiscoveredPrincipal oneGroup = user("alice", "/", Map.of(), Map.of(), List.of("xy"), List.of(), USED, ASSESSMENT);
        assertThat(split.contentHash()).isNotEqualTo(joined.contentHash());
        assertThat(noTag.contentHash()).isNotEqualTo(oneGroup.contentHash());
    }
}
