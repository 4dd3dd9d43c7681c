/**
 * A tiny real model server for the staging setup, the docs and the tests: a linear ride-duration predictor
 * behind {@code POST /predict} (JSON in and out) with {@code GET /health}, and slow-mode and failure-mode
 * switches that make it behave like a struggling model on demand.
 */
package io.modelgate.examples.rideduration;
