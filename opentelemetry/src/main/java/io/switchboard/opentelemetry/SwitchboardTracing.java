package io.switchboard.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.events.SwitchboardTracer;
import io.switchboard.events.TracedInvocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * OpenTelemetry spans for hub invocations, as ASP.NET Core SignalR (.NET 9+) makes its activities,
 * and traces carried across the backplane. Register it with {@code
 * SwitchboardServer.Builder.tracer(SwitchboardTracing.create(openTelemetry))}.
 *
 * <p>A span per hub invocation, streaming ones included, from tracer {@value #INSTRUMENTATION_SCOPE}
 * (the reference's activity source): named {@code {hub class's full name}/{method}}, kind {@code
 * SERVER}, with {@code rpc.system} = {@code signalr}, {@code rpc.service} = the hub class's full
 * name and {@code rpc.method} = the target as the client sent it. Its parent is the {@code
 * traceparent} (and {@code tracestate}) of the invocation's headers, read with the propagator
 * (W3C Trace Context by default); without one it is a root span, never a child of the
 * long-running connection. It links to the trace context the connection's HTTP request carried,
 * if any (the reference links it to that request's activity). It is current while the filters
 * and the hub method run (so the application's spans nest under it) and ends with the method's
 * result: its returned future, or its stream's end. On failure its status is {@code ERROR} and
 * {@code error.type} names the exception's class, for {@code HubException}s too, as in the
 * reference.
 *
 * <p>A span per connect and disconnect event, as the reference's (.NET 9+): named {@code {hub
 * class's full name}/OnConnectedAsync} and {@code .../OnDisconnectedAsync}, kind {@code INTERNAL},
 * with the same attributes ({@code rpc.method} = {@code OnConnectedAsync} or {@code
 * OnDisconnectedAsync}), current while the filters and {@code onConnected} or {@code
 * onDisconnected} run, an error as above when they throw. The reference makes them children of
 * the connection's HTTP request activity; Switchboard starts no HTTP spans, so their parent is the
 * trace context that request carried ({@code traceparent} from a proxy or the client), and without
 * one they are root spans.
 *
 * <p>Across the backplane (tracer {@value #BACKPLANE_SCOPE}; the reference has no such spans):
 * a message sent inside a span carries that span's context, and each server that delivers it to
 * its connections does so in a {@code CONSUMER} span named {@code process {destination}} (e.g.
 * {@code process MyApp.ChatHub:group:{group}}), a child of the sender's span, with {@code
 * messaging.system} = {@code signalr}, {@code messaging.operation.type} and {@code .name} = {@code
 * process} and {@code messaging.destination.template}.
 */
public final class SwitchboardTracing implements SwitchboardTracer {
  /** The tracer of invocation spans: ASP.NET Core's {@code ActivitySource} name. */
  public static final String INSTRUMENTATION_SCOPE = "Microsoft.AspNetCore.SignalR.Server";
  /** The tracer of backplane delivery spans. */
  public static final String BACKPLANE_SCOPE = "io.switchboard.backplane";

  /** The method name of connect spans: the reference's {@code Hub.OnConnectedAsync}. */
  private static final String ON_CONNECTED = "OnConnectedAsync";
  /** The method name of disconnect spans: the reference's {@code Hub.OnDisconnectedAsync}. */
  private static final String ON_DISCONNECTED = "OnDisconnectedAsync";
  private static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
  private static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
  private static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
  private static final AttributeKey<String> OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");
  private static final AttributeKey<String> OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");
  private static final AttributeKey<String> DESTINATION_TEMPLATE =
      AttributeKey.stringKey("messaging.destination.template");

  private final Tracer invocations;
  private final Tracer backplane;
  private final TextMapPropagator propagator;

  private SwitchboardTracing(OpenTelemetry openTelemetry, TextMapPropagator propagator) {
    this.invocations = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
    this.backplane = openTelemetry.getTracer(BACKPLANE_SCOPE);
    this.propagator = propagator;
  }

  /** Spans on {@code openTelemetry}'s tracers; parents read and written as W3C Trace Context. */
  public static SwitchboardTracing create(OpenTelemetry openTelemetry) {
    return create(openTelemetry, W3CTraceContextPropagator.getInstance());
  }

  /**
   * Spans on {@code openTelemetry}'s tracers; parents read from invocation headers and carried
   * across the backplane with {@code propagator} (e.g. {@code
   * openTelemetry.getPropagators().getTextMapPropagator()}).
   */
  public static SwitchboardTracing create(OpenTelemetry openTelemetry, TextMapPropagator propagator) {
    return new SwitchboardTracing(
        Objects.requireNonNull(openTelemetry, "openTelemetry"),
        Objects.requireNonNull(propagator, "propagator"));
  }

  @Override
  public TracedInvocation invocationStarted(
      Class<?> hubClass, String method, Map<String, String> headers) {
    return invocationSpan(hubClass, method, headers, Context.root());
  }

  @Override
  public TracedInvocation invocationStarted(
      Class<?> hubClass, String method, Map<String, String> headers, HttpRequestInfo request) {
    return invocationSpan(hubClass, method, headers, requestContext(request));
  }

  private TracedInvocation invocationSpan(
      Class<?> hubClass, String method, Map<String, String> headers, Context request) {
    // The parent is remote or none: the thread's own context never leaks into an invocation.
    Context parent = propagator.extract(Context.root(), headers, HeaderGetter.INSTANCE);
    SpanContext link = Span.fromContext(request).getSpanContext();
    return hubSpan(hubClass, method, SpanKind.SERVER, parent, link);
  }

  @Override
  public TracedInvocation onConnectedStarted(Class<?> hubClass, HttpRequestInfo request) {
    return eventSpan(hubClass, ON_CONNECTED, request);
  }

  @Override
  public TracedInvocation onDisconnectedStarted(Class<?> hubClass, HttpRequestInfo request) {
    return eventSpan(hubClass, ON_DISCONNECTED, request);
  }

  /** A connect or disconnect event's span: a child of the request's trace, as in the reference. */
  private TracedInvocation eventSpan(Class<?> hubClass, String event, HttpRequestInfo request) {
    return hubSpan(hubClass, event, SpanKind.INTERNAL, requestContext(request), SpanContext.getInvalid());
  }

  /** The trace context the connection's HTTP request carried (from a proxy or the client), if any. */
  private Context requestContext(HttpRequestInfo request) {
    return propagator.extract(Context.root(), request, RequestGetter.INSTANCE);
  }

  /**
   * A span of {@code hubClass} named {@code {hub}/{method}}, as the reference's hub activities,
   * linked to {@code link} when that is valid.
   */
  private TracedInvocation hubSpan(
      Class<?> hubClass, String method, SpanKind kind, Context parent, SpanContext link) {
    String service = hubClass.getName();
    SpanBuilder builder =
        invocations
            .spanBuilder(service + "/" + method)
            .setParent(parent)
            .setSpanKind(kind)
            .setAttribute(RPC_METHOD, method)
            .setAttribute(RPC_SYSTEM, "signalr")
            .setAttribute(RPC_SERVICE, service);
    if (link.isValid()) {
      builder.addLink(link);
    }
    Span span = builder.startSpan();
    return new InvocationSpan(span, parent.with(span));
  }

  @Override
  public Map<String, String> outgoingHeaders() {
    Context current = Context.current();
    if (!Span.fromContext(current).getSpanContext().isValid()) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    propagator.inject(current, headers, Map::put);
    return headers;
  }

  @Override
  public void delivered(String destination, Map<String, String> headers, Runnable delivery) {
    Context parent = propagator.extract(Context.root(), headers, HeaderGetter.INSTANCE);
    Span span =
        backplane
            .spanBuilder("process " + destination)
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(MESSAGING_SYSTEM, "signalr")
            .setAttribute(OPERATION_TYPE, "process")
            .setAttribute(OPERATION_NAME, "process")
            .setAttribute(DESTINATION_TEMPLATE, destination)
            .startSpan();
    try (Scope scope = parent.with(span).makeCurrent()) {
      delivery.run();
    } catch (RuntimeException e) {
      failed(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /** Marks {@code span} failed by {@code error}, as the reference's {@code SetActivityError}. */
  static void failed(Span span, Throwable error) {
    span.setAttribute(ERROR_TYPE, error.getClass().getName());
    span.setStatus(StatusCode.ERROR);
  }

  /** Reads propagation fields from invocation or backplane headers. */
  private enum HeaderGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  }

  /** Reads propagation fields from the headers of a connection's HTTP request. */
  private enum RequestGetter implements TextMapGetter<HttpRequestInfo> {
    INSTANCE;

    @Override
    public Iterable<String> keys(HttpRequestInfo carrier) {
      return carrier.headers().keySet();
    }

    @Override
    public String get(HttpRequestInfo carrier, String key) {
      return carrier == null ? null : carrier.header(key);
    }
  }
}
