package io.policygen.simulator;

/** An OU (or, with {@code parentId == null}, the root). */
public record OrganizationalUnit(String id, String name, String parentId) {
}
