/**
 * The series notation of Prometheus' test scripts ({@code promqltest} {@code load} blocks) and of
 * promtool's rule unit tests ({@code input_series}): {@code name{l="v"} 0+10x5 _ stale 1x3}. One
 * parser for the PromQL conformance runner and the rule test runner.
 */
@Export
@Version("1.0.0")
package io.pharos.promql.notation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
