package io.policygen.preflight;

/** How many checks of one kind passed, failed, or could not be made (an account that could not be entered). */
public record CheckCount(CheckKind kind, int passed, int failed, int notChecked) {
}
