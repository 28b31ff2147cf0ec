/**
 * The PromQL query engine as the HTTP API, rule evaluation and the shell see it: a
 * {@link io.pharos.promql.QueryEngine} service that parses and evaluates queries against storage
 * and returns a {@link io.pharos.promql.QueryResult}. Failures are
 * {@link io.pharos.promql.PromQLException}s carrying Prometheus' API error type.
 */
@Export
@Version("1.3.0")
package io.pharos.promql;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
