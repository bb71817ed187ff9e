package br.com.recebiveishub.testkit.keycloak;

/**
 * Keycloak's token endpoint refused a grant (or answered something that is not a token).
 * Carries the HTTP status and the OAuth2 {@code error} / {@code error_description}; never the
 * credentials that were sent.
 */
public class KeycloakTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String errorDescription;

    public KeycloakTokenException(String grant, int status, String error, String errorDescription) {
        super("Keycloak token endpoint refused the " + grant + ": HTTP " + status
                + (error == null ? "" : ", error=" + error)
                + (errorDescription == null ? "" : " (" + errorDescription + ")"));
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription;
    }

    /** @return the HTTP status the token endpoint answered, e.g. 401 for wrong credentials */
    public int status() {
        return status;
    }

    /** @return the OAuth2 error code, e.g. {@code invalid_grant}, or null */
    public String error() {
        return error;
    }

    /** @return Keycloak's description of the error, or null */
    public String errorDescription() {
        return errorDescription;
    }
}
