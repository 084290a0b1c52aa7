/** Text helpers every package may use; they depend on nothing of policygen's. */
package io.policygen.text;
