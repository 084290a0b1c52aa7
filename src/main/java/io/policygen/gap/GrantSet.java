package io.policygen.gap;

import io.policygen.text.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;

/**
 * What a principal's current policies grant, as a set that many principals share (every role with ReadOnlyAccess
 * alone has the same one, in every account): its key is a hash of the catalog, the granted actions and their flags,
 * so that the set is stored once and each principal's gap refers to it. The key is computed from the bit sets, in
 * microseconds; the list of actions only for a set not stored yet.
 */
public final class GrantSet {

    private final PrivilegeGap gap;
    private final String key;

    private GrantSet(PrivilegeGap gap, String key) {
        this.gap = gap;
        this.key = key;
    }

    public static GrantSet of(PrivilegeGap gap) {
        Grant grant = gap.grant();
        MessageDigest digest = Sha256.newDigest();
        digest.update(gap.catalogSource().getBytes(StandardCharsets.UTF_8));
        for (BitSet bits : List.of(grant.actions(), grant.scoped(), grant.conditional())) {
            long[] words = bits.toLongArray();
            ByteBuffer buffer = ByteBuffer.allocate(8 * words.length + 4);
            buffer.putInt(words.length);
            for (long word : words) {
                buffer.putLong(word);
            }
            digest.update(buffer.array());
        }
        for (UnknownAction action : grant.unknown()) {
            digest.update(("\n" + action.action() + (action.scoped() ? "\u0001s" : "") + (action.conditional() ? "\u0001c" : ""))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return new GrantSet(gap, HexFormat.of().formatHex(digest.digest()));
    }

    /** 64 hexadecimal digits; the same grant under the same catalog, the same key. */
    public String key() {
        return key;
    }

    /** How many actions it grants, unknown ones included. */
    public int size() {
        return gap.granted();
    }

    /** Every granted action with its access level and flags, catalog actions in catalog order, then unknown ones. */
    public List<GapAction> actions() {
        Grant grant = gap.grant();
        ActionCatalog catalog = gap.catalog();
        List<GapAction> actions = new ArrayList<>(size());
        BitSet granted = grant.actions();
        for (int i = granted.nextSetBit(0); i >= 0; i = granted.nextSetBit(i + 1)) {
            actions.add(new GapAction(catalog.service(i), catalog.action(i), catalog.level(i), grant.scoped().get(i),
                    grant.conditional().get(i), false));
        }
        for (UnknownAction action : grant.unknown()) {
            actions.add(new GapAction(action.service(), action.action(), AccessLevel.UNKNOWN, action.scoped(),
                    action.conditional(), true));
        }
        return actions;
    }
}
