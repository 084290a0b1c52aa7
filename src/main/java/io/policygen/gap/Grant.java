package io.policygen.gap;

import java.util.BitSet;
import java.util.List;

/**
 * What a principal's current policies allow, as catalog indexes: {@code actions} granted (after Denies and the
 * boundary), of which {@code scoped} only on some resources or under a condition, and {@code conditional} those a
 * conditional Deny may take away; the actions the catalog does not know; notes on what could not be read.
 */
record Grant(BitSet actions, BitSet scoped, BitSet conditional, List<UnknownAction> unknown, List<GapNote> notes) {
}
