package io.switchboard.auth;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which browser origins may use the hub endpoints, in the two ways the reference server checks
 * them; both are off by default, as there:
 *
 * <ul>
 *   <li><b>CORS</b> (ASP.NET Core's CORS middleware with {@code WithOrigins(...).AllowAnyHeader()
 *       .AllowAnyMethod()} and, optionally, {@code AllowCredentials()}, as the SignalR docs
 *       configure it): a preflight {@code OPTIONS} is answered 204, and a request from an allowed
 *       origin gets {@code Access-Control-Allow-Origin} naming it, the requested method and headers,
 *       and {@code Access-Control-Allow-Credentials: true} when credentials are allowed. Other
 *       origins get no CORS headers (their browsers then refuse to read the answers). Without CORS
 *       origins there is no CORS processing at all: a preflight gets 405, as any unknown method.
 *   <li><b>WebSocket origins</b> ({@code WebSocketOptions.AllowedOrigins}): CORS does not cover
 *       WebSocket upgrades, so a page of any site could open one with the user's cookies
 *       (cross-site WebSocket hijacking). With an allow-list, an upgrade whose {@code Origin}
 *       header names another origin is refused with 403; upgrades without {@code Origin}
 *       (non-browser clients) are let through, as by the reference.
 * </ul>
 *
 * Origins are compared as the reference compares them: the configured ones lower-cased, the
 * request's {@code Origin} header exactly. {@code "*"} allows any origin. Instances are immutable.
 *
 * <pre>{@code
 * BrowserOrigins origins = BrowserOrigins.builder()
 *     .corsOrigin("https://app.example.com").allowCredentials(true)
 *     .webSocketOrigin("https://app.example.com")
 *     .build();
 * }</pre>
 */
public final class BrowserOrigins {
  private static final String ANY = "*";
  private static final BrowserOrigins UNCHECKED = builder().build();

  private final Set<String> corsOrigins;
  private final boolean allowCredentials;
  private final Set<String> webSocketOrigins;

  private BrowserOrigins(Builder builder) {
    this.corsOrigins = Set.copyOf(builder.corsOrigins);
    this.allowCredentials = builder.allowCredentials;
    this.webSocketOrigins = Set.copyOf(builder.webSocketOrigins);
  }

  /** The default: no CORS, and WebSocket upgrades from any origin (the reference's defaults). */
  public static BrowserOrigins unchecked() {
    return UNCHECKED;
  }

  /** Starts a builder with both checks off. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether CORS is on (some origin is allowed). */
  public boolean corsEnabled() {
    return !corsOrigins.isEmpty();
  }

  /** Whether CORS lets {@code origin} (a request's {@code Origin} header) read the answers. */
  public boolean corsAllows(String origin) {
    return origin != null && (corsOrigins.contains(ANY) || corsOrigins.contains(origin));
  }

  /** Whether any origin may read the answers ({@code "*"}, never with credentials). */
  public boolean corsAllowsAnyOrigin() {
    return corsOrigins.contains(ANY);
  }

  /** Whether answers allow credentials (cookies, the {@code Authorization} header). */
  public boolean allowCredentials() {
    return allowCredentials;
  }

  /**
   * Whether a WebSocket upgrade with this {@code Origin} header (null when absent) may go on:
   * always without an allow-list or without the header.
   */
  public boolean webSocketAllows(String origin) {
    return webSocketOrigins.isEmpty()
        || webSocketOrigins.contains(ANY)
        || origin == null
        || origin.isEmpty()
        || webSocketOrigins.contains(origin);
  }

  /** Collects origins; {@link #build()} makes the immutable options. */
  public static final class Builder {
    private final Set<String> corsOrigins = new LinkedHashSet<>();
    private final Set<String> webSocketOrigins = new LinkedHashSet<>();
    private boolean allowCredentials;

    private Builder() {}

    /** Lets pages of {@code origin} (e.g. {@code https://app.example.com}, or "*") use CORS. */
    public Builder corsOrigin(String origin) {
      corsOrigins.add(normalized(origin));
      return this;
    }

    /** Allows credentials on CORS answers (default false); needs explicit origins, not "*". */
    public Builder allowCredentials(boolean allow) {
      allowCredentials = allow;
      return this;
    }

    /** Adds {@code origin} to the WebSocket allow-list (an empty list allows any origin). */
    public Builder webSocketOrigin(String origin) {
      webSocketOrigins.add(normalized(origin));
      return this;
    }

    /**
     * Makes the options.
     *
     * @throws IllegalStateException for credentials with the "*" origin, which the CORS
     *     protocol forbids (the reference refuses the same policy)
     */
    public BrowserOrigins build() {
      if (allowCredentials && corsOrigins.contains(ANY)) {
        throw new IllegalStateException(
            "The CORS protocol does not allow specifying a wildcard (any) origin and credentials at the same time. Configure the CORS policy by listing individual origins if credentials needs to be supported.");
      }
      return new BrowserOrigins(this);
    }

    private static String normalized(String origin) {
      return Objects.requireNonNull(origin, "origin").toLowerCase(Locale.ROOT);
    }
  }
}
