package io.modelgate.gateway.proxy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import java.util.regex.Pattern;

/**
 * The HTTP/1.1 request intake under Jazzer, on embedded channels ({@link EmbeddedProxy}): whatever bytes a client
 * sends, nothing throws out of the pipeline, every answer is an HTTP/1.x response, and whatever reaches the
 * backend starts with a well-formed request line (a strict head check that let a malformed one through, or a
 * smuggled second request, would show here). Seeds are the edge corpus's kinds of requests.
 */
class RequestIntakeFuzzTest {

    private static final Pattern FORWARDED = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32} /[!-~]* HTTP/1\\.1\r\n(?s).*");

    @FuzzTest(maxDuration = "15m", maxExecutions = 3_000_000)
    void intake(byte[] input) {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.client.writeInbound(Unpooled.wrappedBuffer(input));
        p.client.runPendingTasks();
        String answered = p.clientReceived();
        if (!answered.isEmpty() && !answered.startsWith("HTTP/1.")) {
            throw new AssertionError("not an HTTP response: " + answered);
        }
        for (int i = 0; i < p.upstreams.size(); i++) {
            String sent = p.serverReceived(i);
            if (!sent.isEmpty() && !FORWARDED.matcher(sent).matches()) {
                throw new AssertionError("forwarded a malformed head: " + sent);
            }
        }
        p.client.finishAndReleaseAll();
    }
}
