package io.policygen.principal;

public enum PrincipalType {
    ROLE,
    USER
}
