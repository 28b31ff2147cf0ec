package io.pharos.template.internal;

/** Go's net.SplitHostPort and the host handling of Prometheus' stripDomain. */
final class HostPort {
    private HostPort() {
    }

    /** {host, port}, or null where Go's SplitHostPort fails. */
    static String[] split(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            return null; // missing port in address
        }
        String host;
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            if (end < 0 || end + 1 != colon) {
                return null;
            }
            host = hostPort.substring(1, end);
        } else {
            host = hostPort.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                return null; // too many colons
            }
        }
        String port = hostPort.substring(colon + 1);
        if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0 || port.indexOf('[') >= 0 || port.indexOf(']') >= 0) {
            return null;
        }
        return new String[] {host, port};
    }

    static String stripDomain(String hostPort) {
        String[] hp = split(hostPort);
        String host = hp == null ? hostPort : hp[0];
        String port = hp == null ? "" : hp[1];
        if (isIp(host)) {
            return hostPort;
        }
        int dot = host.indexOf('.');
        host = dot < 0 ? host : host.substring(0, dot);
        if (!port.isEmpty()) {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
        return host;
    }

    /** Go's net.ParseIP succeeds: dotted IPv4 without leading zeros, or IPv6. */
    private static boolean isIp(String host) {
        if (host.matches("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)")) {
            return true;
        }
        return host.indexOf(':') >= 0 && host.matches("[0-9a-fA-F:.]+") && isIpv6(host);
    }

    private static boolean isIpv6(String host) {
        try {
            return java.net.InetAddress.getByName("[" + host + "]").getAddress().length == 16
                    || host.contains("::ffff:");
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
