package org.tailguard.server;

/**
 * A request the API refuses, with its HTTP status and a stable machine-readable code; rendered as
 * {@code {"error": {"status": 400, "code": "bad_request", "message": "..."}}} (RFC 9110 status semantics).
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** 400: the request is malformed or a value is invalid; the message names the field. */
  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  /** 404: the named thing does not exist. */
  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
