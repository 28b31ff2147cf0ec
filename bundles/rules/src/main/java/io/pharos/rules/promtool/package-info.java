/**
 * promtool's rule commands for the console and tests: {@link io.pharos.rules.promtool.RuleChecker}
 * ({@code check rules}) and {@link io.pharos.rules.promtool.RuleUnitTester} ({@code test rules}).
 */
@Export
@Version("1.0.0")
package io.pharos.rules.promtool;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
