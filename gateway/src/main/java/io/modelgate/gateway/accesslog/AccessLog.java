package io.modelgate.gateway.accesslog;

/** Where finished requests are reported. Must not block: it is called on event loops. */
public interface AccessLog {

    AccessLog OFF = record -> { };

    void log(AccessLogRecord record);
}
