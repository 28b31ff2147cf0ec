/**
 * A harness for unit-testing PromQL function plugins ({@link io.pharos.spi.promql.PromQLFunction})
 * without the engine. {@link io.pharos.testkit.promql.FunctionTester} plays the engine's part of one
 * call: it builds the argument views, checks the call against the function's signature, runs one
 * evaluation step and collects the output ({@link io.pharos.testkit.promql.Result}), warnings and
 * infos. {@link io.pharos.testkit.promql.Notation} reads the notation of Prometheus' conformance
 * scripts, so that expected values can be transcribed from the {@code promqltest} corpus.
 */
package io.pharos.testkit.promql;
