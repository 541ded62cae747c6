package io.flinkk8s.sdk.testkit;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code java.util.logging} logger of fabric8's mock web server, which logs every request and
 * response at INFO ("received request: ... and responded: ..."), and each start and stop. A test
 * run wants none of it by default; a consumer who set the logger's level (a {@code
 * logging.properties}, {@code Logger.setLevel}) keeps what they set.
 */
final class MockServerLogging {

    /** The logger's name: fabric8's {@code MockWebServer} class. */
    static final String LOGGER = "io.fabric8.mockwebserver.MockWebServer";

    private MockServerLogging() {}

    /**
     * Quiets the logger (WARNING) unless someone gave it a level, or opens it to INFO when {@code
     * logRequests}. JUL holds loggers weakly: the caller keeps the returned one, so the level
     * stays.
     */
    static Logger configure(boolean logRequests) {
        Logger logger = Logger.getLogger(LOGGER);
        Level level = logger.getLevel();
        if (logRequests) {
            if (level == null || level.intValue() > Level.INFO.intValue()) {
                logger.setLevel(Level.INFO);
            }
        } else if (level == null) {
            logger.setLevel(Level.WARNING);
        }
        return logger;
    }
}
