package io.policygen.simulator;

import java.nio.charset.StandardCharsets;

/** Deterministic, seedable hashing: every "random" choice of the simulator derives from these. */
final class Hashing {

    private Hashing() {
    }

    /** SplitMix64 finalizer: a good 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long... values) {
        long h = mix(seed + 0x9e3779b97f4a7c15L);
        for (long v : values) {
            h = mix(h ^ (v + 0x9e3779b97f4a7c15L));
        }
        return h;
    }

    static long hash(long seed, String text) {
        long h = mix(seed);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xff));
        }
        return h;
    }

    /** A uniform double in [0, 1) from a hash. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** A non-negative int in [0, bound). */
    static int below(long hash, int bound) {
        return (int) Long.remainderUnsigned(hash, bound);
    }

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** {@code length} upper-case base-32 characters from two hashes (IAM unique ids, access keys). */
    static String base32(long h1, long h2, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            long h = i < 12 ? h1 >>> (5 * i) : h2 >>> (5 * (i - 12));
            sb.append(BASE32[(int) (h & 31)]);
        }
        return sb.toString();
    }

    static String lowerAlnum(long h, int length) {
        StringBuilder sb = new StringBuilder(length);
        long v = h;
        for (int i = 0; i < length; i++) {
            sb.append(LOWER_ALNUM[below(v, LOWER_ALNUM.length)]);
            v = mix(v);
        }
        return sb.toString();
    }
}
