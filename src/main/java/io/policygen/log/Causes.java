package io.policygen.log;

import java.util.Optional;
import java.util.function.Predicate;

/** A failure's causes: the wrappers' messages ("Failed to obtain JDBC Connection") say not why. */
public final class Causes {

    private Causes() {
    }

    /** The innermost cause. */
    public static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The outermost of {@code e} and its causes that is a {@code type} and passes {@code test}. */
    public static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type, Predicate<? super T> test) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause) && test.test(type.cast(cause))) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}
