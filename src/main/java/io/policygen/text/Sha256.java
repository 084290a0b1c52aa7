package io.policygen.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256: of a text (its UTF-8 bytes), in hex; or a digest to feed. */
public final class Sha256 {

    private Sha256() {
    }

    public static String hex(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    /** The first {@code bytes} bytes of the digest, in hex: a short name for a text, not a secure one. */
    public static String hexPrefix(String text, int bytes) {
        return HexFormat.of().formatHex(digest(text), 0, bytes);
    }

    /** A new SHA-256 digest, for a hash of several parts. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] digest(String text) {
        return newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
