package io.switchboard.livetrace;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the live trace, as the page receives it in JSON (absent fields are left out).
 *
 * @param time when it happened, in milliseconds since the epoch
 * @param type {@code connected}, {@code disconnected}, {@code invocation}, {@code received},
 *     {@code sent} or {@code slow-client-dropped}
 * @param hub the hub class's simple name
 * @param endpoint the path the hub is mounted on
 * @param connectionId the connection's public id
 * @param user the connection's user id
 * @param transport the transport's wire name, e.g. {@code WebSockets}
 * @param protocol the hub protocol, e.g. {@code json}
 * @param method the hub method as the client named it
 * @param outcome how an invocation or a connection ended ({@code success}, {@code hub_error},
 *     {@code error}; {@code normal_closure}, {@code timeout}, {@code app_shutdown})
 * @param error the failure's message
 * @param durationMs how long the invocation or the connection lasted
 * @param bytes a message's encoded size
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TraceEvent(
    long time,
    String type,
    String hub,
    String endpoint,
    String connectionId,
    String user,
    String transport,
    String protocol,
    String method,
    String outcome,
    String error,
    Double durationMs,
    Integer bytes) {}
