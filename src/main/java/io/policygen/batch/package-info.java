/** What the job's readers need of Spring Batch beyond the reader interfaces: ending their step as STOPPED. */
package io.policygen.batch;
