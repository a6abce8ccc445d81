package dev.clusteripam.app.diagnostics;

import java.util.Optional;

/** Decides whether the bearer of a token may {@code get} a path of the diagnostics endpoint. */
interface RequestAuthorizer {

    /**
     * @param bearerToken the token of the request's {@code Authorization: Bearer} header; empty when it has none
     * @param path the request's path, as a nonResourceURL
     */
    Verdict authorize(Optional<String> bearerToken, String path);
}
