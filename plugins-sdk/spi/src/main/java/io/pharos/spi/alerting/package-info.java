/**
 * The alert receiver plugin kind: delivery of grouped alerts for one receiver integration type of
 * alertmanager.yml ({@code email}, {@code slack}, {@code pagerduty}, {@code webhook}, ...). The
 * notification pipeline tracks every registered receiver; a receiver type that is not installed
 * makes the config invalid until its bundle is started.
 */
@Export
@Version("1.0.0")
package io.pharos.spi.alerting;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
