/**
 * The notifier: {@link io.pharos.notifier.AlertSender} takes alerts from the rules engine and
 * delivers them to the Alertmanagers of {@code alerting.alertmanagers} (Alertmanager API v2);
 * {@link io.pharos.notifier.Alertmanagers} tells the HTTP API which Alertmanagers are in use.
 */
@Export
@Version("1.0.0")
package io.pharos.notifier;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
