/**
 * The job's log events, as fields for structured logging and as readable lines for the console. Imports nothing
 * of policygen: every package may log through it.
 */
package io.policygen.log;
