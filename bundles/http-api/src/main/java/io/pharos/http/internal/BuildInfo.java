package io.pharos.http.internal;

/** What {@code /api/v1/status/buildinfo} reports, read from the bundle's manifest. */
record BuildInfo(String version, String revision, String branch, String buildUser, String buildDate,
                 String javaVersion) {
}
