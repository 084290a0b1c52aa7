package io.policygen.log;

/** The innermost cause of a failure: the wrappers' messages ("Failed to obtain JDBC Connection") say not why. */
public final class Causes {

    private Causes() {
    }

    public static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
