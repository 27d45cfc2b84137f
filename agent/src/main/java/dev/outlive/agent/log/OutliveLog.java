package dev.outlive.agent.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;

/**
 * The agent's own Logback, configured in code on a private {@link LoggerContext}. It never goes
 * through SLF4J's static binding, so it never reads a {@code logback.xml} or any logging property of
 * the application, and the application's logging never sees ours. Only Outlive's own threads log.
 */
public final class OutliveLog {
    private final String target;
    private LoggerContext context;
    private Logger logger;

    private OutliveLog(String target) {
        this.target = target;
    }

    /**
     * Logback is set up on first use: most runs log nothing, and its classes cost start-up time
     * (a goal of the agent is to add little to it).
     */
    private synchronized Logger logger() {
        if (logger == null) {
            configure();
        }
        return logger;
    }

    private void configure() {
        context = new LoggerContext();
        context.setName("outlive");
        // Normally SLF4J's binding supplies this; our private context never goes through it.
        context.setMDCAdapter(new LogbackMDCAdapter());
        logger = context.getLogger("outlive");
        logger.setAdditive(false);
        if ("off".equals(target)) {
            logger.setLevel(Level.OFF);
            return;
        }
        logger.setLevel(Level.INFO);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if ("stderr".equals(target)) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(target);
            file.setAppend(true);
            appender = file;
        }
        appender.setContext(context);
        appender.setName("outlive");
        appender.setEncoder(encoder);
        appender.start();
        logger.addAppender(appender);
    }

    /** {@code stderr}, {@code off}, or a file path (the {@code log} option). */
    public static OutliveLog to(String target) {
        return new OutliveLog(target);
    }

    public void info(String message) {
        logger().info(message);
    }

    public void warn(String message) {
        logger().warn(message);
    }

    public void warn(String message, Throwable failure) {
        logger().warn(message, failure);
    }

    public synchronized void stop() {
        if (context != null) {
            context.stop();
        }
    }
}
