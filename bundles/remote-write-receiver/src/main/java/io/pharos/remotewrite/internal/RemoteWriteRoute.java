package io.pharos.remotewrite.internal;

import io.pharos.http.HttpRoute;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /api/v1/write} on Pharos' HTTP server: hands the body to the {@link RemoteWriteReceiver}
 * and answers only after it committed. Errors are plain text with the message, as Prometheus'
 * {@code http.Error} writes them.
 */
final class RemoteWriteRoute implements HttpRoute {
    static final String PATH = "/api/v1/write";

    private final RemoteWriteReceiver receiver;

    RemoteWriteRoute(RemoteWriteReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RemoteWriteReceiver.Answer answer;
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            answer = new RemoteWriteReceiver.Answer(405, "Method Not Allowed");
        } else {
            answer = receiver.receive(request.getHeaders().get(HttpHeader.CONTENT_TYPE),
                    request.getHeaders().get(HttpHeader.CONTENT_ENCODING), request.getLength(),
                    Content.Source.asInputStream(request));
        }
        response.setStatus(answer.status());
        if (answer.written() >= 0) {
            // Remote write 2.0: what was written, also on errors. Histograms and exemplars are not stored yet.
            response.getHeaders().put("X-Prometheus-Remote-Write-Samples-Written", Integer.toString(answer.written()));
            response.getHeaders().put("X-Prometheus-Remote-Write-Histograms-Written", "0");
            response.getHeaders().put("X-Prometheus-Remote-Write-Exemplars-Written", "0");
        }
        if (answer.message() == null) {
            callback.succeeded();
            return true;
        }
        byte[] body = (answer.message() + "\n").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
