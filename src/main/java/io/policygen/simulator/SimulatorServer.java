package io.policygen.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP front: one loopback port, one virtual thread per exchange. Every AWS request goes
 * through the same steps: find the service (SigV4 credential scope), the operation, verify the
 * signature, apply rates and faults, handle, count the outcome.
 */
final class SimulatorServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SimulatorServer.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, AwsService> services = new HashMap<>();
    private final CredentialStore credentials;
    private final SetupState setup;
    private final Faults faults;
    private final RateLimits rates;
    private final RequestCounts counts;
    private final ControlEndpoint control;
    private final long seed;
    private final AtomicLong requests = new AtomicLong();

    SimulatorServer(int port, List<AwsService> services, CredentialStore credentials, SetupState setup, Faults faults,
                    RateLimits rates, RequestCounts counts, ControlEndpoint control, long seed) throws IOException {
        services.forEach(s -> this.services.put(s.signingName(), s));
        this.setup = setup;
        this.credentials = credentials;
        this.faults = faults;
        this.rates = rates;
        this.counts = counts;
        this.control = control;
        this.seed = seed;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
            SimRequest request = new SimRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body);
            SimResponse response = request.rawPath().startsWith(ControlEndpoint.PREFIX)
                    ? control.handle(request)
                    : serve(request);
            write(exchange, response);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "simulator failed to answer " + exchange.getRequestURI(), e);
            throw e;
        }
    }

    private SimResponse serve(SimRequest request) {
        long n = requests.incrementAndGet();
        String requestId = new UUID(Hashing.hash(seed, 81, n), Hashing.hash(seed, 82, n)).toString();
        SigV4.Authorization auth = SigV4.parse(request.header("authorization"));
        AwsService service = auth != null ? services.get(auth.service()) : guessService(request);
        if (service == null) {
            return SimResponse.error(400, Protocols.REST_JSON, "UnknownService",
                    "{\"message\":\"The simulator does not speak service " + auth.service() + "\"}", Map.of());
        }
        String operation = "Unknown";
        SimResponse response;
        try {
            operation = service.operation(request);
            if (auth == null) {
                throw service.missingAuthentication();
            }
            Identity caller = authenticate(service, request, auth);
            String action = service.signingName() + ":" + operation;
            if (setup.actionDenied(caller.accountId(), action, auth.region())) {
                throw service.accessDenied(caller, action);
            }
            Faults.Decision decision = faults.decide(operation, caller.accountId());
            var latency = faults.settings(operation, caller.accountId()).latency();
            if (!latency.isZero()) {
                Thread.sleep(latency);
            }
            if (decision == Faults.Decision.ERROR) {
                throw service.internalError();
            }
            if (decision == Faults.Decision.THROTTLE || !rates.tryAcquire(caller.accountId(), operation)) {
                throw service.throttled();
            }
            response = service.handle(operation, request, caller, auth.region(), requestId);
            if (operation.equals("StartPolicyGeneration") && faults.loseStartResponse()) {
                // the generation started; the client never learns its jobId
                response = service.render(service.internalError(), requestId);
            }
        } catch (AwsError e) {
            response = service.render(e, requestId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = service.render(service.internalError(), requestId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulator bug answering " + operation, e);
            response = service.render(service.internalError(), requestId);
        }
        counts.record(service.signingName(), operation, response.outcome());
        return response.withHeader("x-amzn-RequestId", requestId);
    }

    private Identity authenticate(AwsService service, SimRequest request, SigV4.Authorization auth) {
        Identity caller = credentials.find(auth.accessKeyId());
        if (caller == null) {
            throw service.unknownAccessKey();
        }
        String token = request.header("x-amz-security-token");
        if (caller.sessionToken() == null ? token != null : !caller.sessionToken().equals(token)) {
            throw service.unknownAccessKey();
        }
        if (!SigV4.verify(request, auth, caller.secretAccessKey())) {
            throw service.badSignature();
        }
        if (credentials.expired(caller)) {
            throw service.expiredToken();
        }
        return caller;
    }

    /** Without a signature there is no credential scope; guess from the protocol so the error is the right one. */
    private AwsService guessService(SimRequest request) {
        String target = request.header("x-amz-target");
        if (target != null) {
            return services.get(CloudTrailService.targets(target) ? "cloudtrail" : "organizations");
        }
        if (request.rawPath().startsWith("/policy")) {
            return services.get("access-analyzer");
        }
        String action = request.formParameters().get("Action");
        return "AssumeRole".equals(action) || "GetCallerIdentity".equals(action)
                ? services.get("sts") : services.get("iam");
    }

    private static void write(HttpExchange exchange, SimResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
