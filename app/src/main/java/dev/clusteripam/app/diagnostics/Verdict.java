package dev.clusteripam.app.diagnostics;

/** Whether a request to the diagnostics endpoint is served, with the HTTP status that says why not. */
record Verdict(int status, String reason) {

    static final Verdict ALLOWED = new Verdict(200, "allowed");

    static Verdict unauthenticated(String reason) {
        return new Verdict(401, reason);
    }

    static Verdict forbidden(String reason) {
        return new Verdict(403, reason);
    }

    boolean allowed() {
        return status == 200;
    }
}
