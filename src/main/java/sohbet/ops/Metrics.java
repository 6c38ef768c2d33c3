package sohbet.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import sohbet.core.Message;
import sohbet.live.SseStream;

/**
 * Sohbet's own meters in one Prometheus registry, served at /metrics. The parts of the app report
 * through the small listener interfaces they are given (stream opened, message delivered, limit
 * refused, message stored); figures that live in the database (the Telegram outbox) are read when
 * scraped.
 */
public final class Metrics {
    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());

    /** The Telegram outbox as the bridge's store sees it. */
    public interface Outbox {
        long pending();

        /** When the oldest pending forward was queued; null when none is pending. */
        Instant oldestPending();
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger visitorStreams = new AtomicInteger();
    private final AtomicInteger panelStreams = new AtomicInteger();
    private final Timer delivery;
    private final Supplier<Instant> now;

    public Metrics(Supplier<Instant> now) {
        this.now = now;
        Gauge.builder("sohbet_streams_open", visitorStreams, AtomicInteger::get).tag("kind", "visitor")
                .description("Open visitor SSE streams").register(registry);
        Gauge.builder("sohbet_streams_open", panelStreams, AtomicInteger::get).tag("kind", "panel")
                .description("Open admin panel SSE streams").register(registry);
        this.delivery = Timer.builder("sohbet_delivery_latency")
                .description("From a message being stored to it being written to a live stream")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        for (String door : new String[] {"web", "panel", "telegram", "system"}) {
            counterFor(door);
        }
    }

    /** For the live streams. */
    public SseStream.Listener streams() {
        return new SseStream.Listener() {
            @Override
            public void opened(boolean panel) {
                (panel ? panelStreams : visitorStreams).incrementAndGet();
            }

            @Override
            public void closed(boolean panel) {
                (panel ? panelStreams : visitorStreams).decrementAndGet();
            }

            @Override
            public void delivered(Duration latency) {
                delivery.record(latency.isNegative() ? Duration.ZERO : latency);
            }
        };
    }

    /** For the chat service: every newly stored message, counted by the door it came in by, and its upload's size. */
    public void stored(Message m) {
        String door = door(m);
        counterFor(door).increment();
        if (m.kind() != Message.Kind.TEXT && m.size() != null) {
            DistributionSummary.builder("sohbet_upload_bytes").baseUnit("bytes").tag("door", door)
                    .description("Sizes of stored photos, audio and files").register(registry).record(m.size());
        }
    }

    /** For the rate limits: one refusal of the named rule. */
    public void refused(String rule) {
        Counter.builder("sohbet_rate_limit_refusals").tag("rule", rule).description("Requests refused by a rate limit")
                .register(registry).increment();
    }

    /** The Telegram outbox's backlog, read at each scrape. */
    public void outbox(Outbox outbox) {
        Gauge.builder("sohbet_telegram_outbox_pending", outbox, safely(o -> o.pending()))
                .description("Forwards to Telegram waiting to be sent").strongReference(true).register(registry);
        Gauge.builder("sohbet_telegram_outbox_oldest_age_seconds", outbox, safely(o -> {
            Instant oldest = o.oldestPending();
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest, now.get()).toMillis() / 1000.0);
        })).description("Age of the oldest forward waiting to be sent (0 when none)").strongReference(true).register(registry);
    }

    // Gauges hold their source weakly unless told otherwise; these sources live only here.

    /** The bridge's state (ON, STANDBY, BLOCKED, CONFLICT or OFF), read at each scrape: 1 for the current state, 0 for the others. */
    public void telegramState(Supplier<String> state) {
        for (String s : new String[] {"ON", "STANDBY", "BLOCKED", "CONFLICT", "OFF"}) {
            Gauge.builder("sohbet_telegram_bridge", state, st -> s.equals(st.get()) ? 1 : 0)
                    .tag("state", s.toLowerCase(Locale.ROOT)).description("Telegram bridge state").strongReference(true).register(registry);
        }
    }

    /** The text a Prometheus scraper reads. */
    public String scrape() {
        return registry.scrape();
    }

    private Counter counterFor(String door) {
        return Counter.builder("sohbet_messages_stored").tag("door", door).description("Messages stored, by the door they came in by")
                .register(registry);
    }

    private static String door(Message m) {
        if (m.channel() == Message.Channel.TELEGRAM) {
            return "telegram";
        }
        return switch (m.sender()) {
            case VISITOR -> "web";
            case ADMIN -> "panel";
            case SYSTEM -> "system";
        };
    }

    /** A database outage makes a gauge NaN for that scrape instead of failing it. */
    private static <T> ToDoubleFunction<T> safely(ToDoubleFunction<T> read) {
        return t -> {
            try {
                return read.applyAsDouble(t);
            } catch (RuntimeException e) {
                LOG.fine(() -> "metric not read: " + e.getMessage());
                return Double.NaN;
            }
        };
    }
}
