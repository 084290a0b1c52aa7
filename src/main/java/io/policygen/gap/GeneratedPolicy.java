package io.policygen.gap;

/**
 * A principal's latest generated policy, as stored: the documents Access Analyzer returned as a JSON array (AWS
 * splits a long policy into several; an element may be a document's JSON text rather than an object).
 *
 * @param complete Access Analyzer's {@code isComplete}: false when it could name some services used but not their
 *                 actions (they come as service-level entries only when GetGeneratedPolicy asks for the template);
 *                 a result that did not say (null in the database) reads as true
 */
public record GeneratedPolicy(String documents, boolean complete) {

    public GeneratedPolicy {
        java.util.Objects.requireNonNull(documents, "documents");
    }
}
