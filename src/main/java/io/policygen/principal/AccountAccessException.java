package io.policygen.principal;

/** An account policygen cannot work in (its member role cannot be assumed, or may not list IAM): skipped, recorded. */
public final class AccountAccessException extends RuntimeException {

    private final String code;

    public AccountAccessException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
