package io.switchboard.livetrace;

import io.netty.channel.ChannelHandler;
import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.auth.Authenticator;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.hub.HubFilter;
import io.switchboard.transport.netty.SwitchboardServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A live trace page, like Azure SignalR's Live Trace Tool: connections opening and closing (hub,
 * connection id, user, transport, closing status), hub invocations (method, outcome, duration)
 * and the messages in and out of each connection (protocol, size), as they happen, filterable by
 * hub, connection, user and method in the page.
 *
 * <pre>{@code
 * LiveTrace trace = LiveTrace.builder(new BearerTokenAuthenticator(tokens::validate))
 *     .authorize(user -> user.claims().containsKey("admin"))
 *     .build();
 * SwitchboardServer.Builder server = SwitchboardServer.builder().hub("/chat", ChatHub.class);
 * trace.register(server);   // then open http://host:port/live-trace?access_token=TOKEN
 * }</pre>
 *
 * <p>Only what {@link #register} (or the three parts given to a server of your own) adds exists:
 * without it the server pays nothing. While no page is open each report costs one volatile read.
 * The page and its feed ({@code <path>/events}, Server-Sent Events) answer only requests the
 * authenticator accepts ({@code 401} otherwise, {@code 403} when the predicate refuses the
 * user); a browser passes the token in the {@code access_token} query parameter, which the page
 * hands on to its feed. Events wait in a ring of {@code capacity} entries; a page that reads too
 * slowly misses the oldest and is told how many, and nothing ever waits for a page.
 */
public final class LiveTrace implements AutoCloseable {
  /** The page's path unless {@link Builder#path} changes it. */
  public static final String DEFAULT_PATH = "/live-trace";

  private final String path;
  private final TraceRing ring;
  private final TraceRecorder recorder;
  private final TraceAccess access;
  private final Duration keepAliveInterval;
  private final byte[] page;

  private LiveTrace(Builder builder) {
    path = builder.path;
    ring = new TraceRing(builder.capacity);
    recorder = new TraceRecorder(ring);
    access = new TraceAccess(builder.authenticator, builder.authorize);
    keepAliveInterval = builder.keepAliveInterval;
    page = loadPage();
  }

  /**
   * Starts a builder; {@code authenticator} decides who may watch, e.g. the one the hubs use
   * (without a user the page answers 401).
   */
  public static Builder builder(Authenticator authenticator) {
    return new Builder(authenticator);
  }

  /** The page's path. */
  public String path() {
    return path;
  }

  /**
   * Adds the trace to a server: its {@link #events()} listener, its global {@link #filter()}, a
   * {@link #newHandler()} in every channel's pipeline after Switchboard's, and its {@link #close()}
   * when the server stops.
   */
  public void register(SwitchboardServer.Builder server) {
    server
        .events(recorder)
        .filter(recorder)
        .pipeline(pipeline -> pipeline.addLast(newHandler()))
        .closeOnStop(this);
  }

  /**
   * Stops the threads that authenticate the page's requests; later requests get 503. {@link
   * #register} has the server call it when it stops; a server of your own calls it once stopped.
   */
  @Override
  public void close() {
    access.close();
  }

  /** The listener that feeds the trace with connections ending, messages and slow clients. */
  public SwitchboardEvents events() {
    return recorder;
  }

  /** The global hub filter that feeds the trace with connections' users and invocations. */
  public HubFilter filter() {
    return recorder;
  }

  /**
   * A new handler for one channel, serving the page and its feed; in a pipeline of your own, add
   * one per channel after {@code SwitchboardHttpHandler} (it needs whole requests).
   */
  public ChannelHandler newHandler() {
    return new LiveTraceHandler(this);
  }

  boolean isPagePath(String requestPath) {
    return requestPath.equalsIgnoreCase(path) || requestPath.equalsIgnoreCase(path + "/");
  }

  boolean isEventsPath(String requestPath) {
    return requestPath.equalsIgnoreCase(path + "/events");
  }

  TraceRing ring() {
    return ring;
  }

  TraceAccess access() {
    return access;
  }

  Duration keepAliveInterval() {
    return keepAliveInterval;
  }

  byte[] page() {
    return page;
  }

  private static byte[] loadPage() {
    try (InputStream in = LiveTrace.class.getResourceAsStream("live-trace.html")) {
      return Objects.requireNonNull(in, "live-trace.html is missing from the jar").readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds a {@link LiveTrace}. */
  public static final class Builder {
    private final Authenticator authenticator;
    private Predicate<AuthenticatedUser> authorize = user -> true;
    private String path = DEFAULT_PATH;
    private int capacity = 2000;
    private Duration keepAliveInterval = Duration.ofSeconds(15);

    private Builder(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    /** The page's path (default {@value LiveTrace#DEFAULT_PATH}); its feed is at {@code <path>/events}. */
    public Builder path(String value) {
      Objects.requireNonNull(value, "path");
      if (!value.startsWith("/") || value.length() < 2 || value.endsWith("/")) {
        throw new IllegalArgumentException("The path must start with '/' and not end with one: " + value);
      }
      path = value;
      return this;
    }

    /** Which authenticated users may watch (default: every one the authenticator accepts). */
    public Builder authorize(Predicate<AuthenticatedUser> value) {
      authorize = Objects.requireNonNull(value, "authorize");
      return this;
    }

    /** How many recent events are kept for the pages (default 2000). */
    public Builder capacity(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("capacity must be positive: " + value);
      }
      capacity = value;
      return this;
    }

    /**
     * How long a feed may stay quiet before it gets a comment line (default 15 s, the hubs'
     * keep-alive): behind a proxy it must be shorter than the proxy's idle timeout (60 s on an AWS
     * ALB and in nginx).
     */
    public Builder keepAliveInterval(Duration value) {
      Objects.requireNonNull(value, "keepAliveInterval");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("keepAliveInterval must be positive: " + value);
      }
      keepAliveInterval = value;
      return this;
    }

    /** The trace. */
    public LiveTrace build() {
      return new LiveTrace(this);
    }
  }
}
