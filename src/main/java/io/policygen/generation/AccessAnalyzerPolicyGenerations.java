package io.policygen.generation;

import io.policygen.aws.CredentialsExpiredException;
import io.policygen.aws.MemberAccessAnalyzer;
import io.policygen.aws.MemberSession;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.accessanalyzer.model.AccessAnalyzerException;
import software.amazon.awssdk.services.accessanalyzer.model.CloudTrailDetails;
import software.amazon.awssdk.services.accessanalyzer.model.ConflictException;
import software.amazon.awssdk.services.accessanalyzer.model.GeneratedPolicy;
import software.amazon.awssdk.services.accessanalyzer.model.GetGeneratedPolicyResponse;
import software.amazon.awssdk.services.accessanalyzer.model.ListPolicyGenerationsRequest;
import software.amazon.awssdk.services.accessanalyzer.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.accessanalyzer.model.Trail;
import software.amazon.awssdk.services.accessanalyzer.model.ValidationException;
import software.amazon.awssdk.services.accessanalyzer.model.ValidationExceptionField;

/** Access Analyzer through the SDK, in one account (its member role) and Region. */
public final class AccessAnalyzerPolicyGenerations implements PolicyGenerations {

    private final AccessAnalyzerClient client;
    /** Every request is made as the account: {@code .overrideConfiguration(asMember)}. */
    private final AwsRequestOverrideConfiguration asMember;
    private final MemberSession session;
    private final boolean includeResourcePlaceholders;
    private final boolean includeServiceLevelTemplate;
    /** Told why, once the credentials have expired: the whole run must stop, not this account's slot alone. */
    private final Consumer<String> credentialsExpired;

    public AccessAnalyzerPolicyGenerations(MemberAccessAnalyzer accessAnalyzer, boolean includeResourcePlaceholders,
                                           boolean includeServiceLevelTemplate, Consumer<String> credentialsExpired) {
        this.credentialsExpired = credentialsExpired;
        this.client = accessAnalyzer.client();
        this.asMember = accessAnalyzer.asMember();
        this.session = accessAnalyzer.session();
        this.includeResourcePlaceholders = includeResourcePlaceholders;
        this.includeServiceLevelTemplate = includeServiceLevelTemplate;
    }

    @Override
    public String start(GenerationRequest request, UUID clientToken) {
        return call("StartPolicyGeneration", () -> client.startPolicyGeneration(r -> r
                .overrideConfiguration(asMember)
                .clientToken(clientToken.toString())
                .policyGenerationDetails(d -> d.principalArn(request.principalArn()))
                .cloudTrailDetails(CloudTrailDetails.builder()
                        .trails(request.trails().stream().map(AccessAnalyzerPolicyGenerations::toTrail).toList())
                        .accessRole(request.accessRoleArn())
                        .startTime(request.startTime())
                        .endTime(request.endTime())
                        .build()))
                .jobId());
    }

    @Override
    public GenerationResult get(String jobId) {
        GetGeneratedPolicyResponse response = call("GetGeneratedPolicy", () -> client.getGeneratedPolicy(r -> r
                .overrideConfiguration(asMember)
                .jobId(jobId)
                .includeResourcePlaceholders(includeResourcePlaceholders)
                .includeServiceLevelTemplate(includeServiceLevelTemplate)));
        var job = response.jobDetails();
        var result = response.generatedPolicyResult();
        List<String> policies = result != null && result.hasGeneratedPolicies()
                ? result.generatedPolicies().stream().map(GeneratedPolicy::policy).toList()
                : List.of();
        Boolean complete = result != null && result.properties() != null ? result.properties().isComplete() : null;
        return new GenerationResult(job.statusAsString(), job.startedOn(), job.completedOn(),
                job.jobError() == null ? null : job.jobError().codeAsString(),
                job.jobError() == null ? null : job.jobError().message(),
                policies, complete);
    }

    @Override
    public List<ListedJob> jobsFor(String principalArn) {
        return listed(r -> r.principalArn(principalArn))
                .sorted(Comparator.comparing(ListedJob::startedOn, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    @Override
    public List<ListedJob> jobsInAccount() {
        return listed(r -> { }).toList();
    }

    @Override
    public void cancel(String jobId) {
        call("CancelPolicyGeneration", () -> client.cancelPolicyGeneration(r -> r.overrideConfiguration(asMember).jobId(jobId)));
    }

    /** Every page of ListPolicyGenerations, read before the stream is returned (so its failures are the port's). */
    private Stream<ListedJob> listed(Consumer<ListPolicyGenerationsRequest.Builder> request) {
        return call("ListPolicyGenerations", () -> client
                .listPolicyGenerationsPaginator(r -> request.accept(r.overrideConfiguration(asMember)))
                .policyGenerations().stream()
                .map(job -> new ListedJob(job.jobId(), job.principalArn(), job.statusAsString(), job.startedOn()))
                .toList()).stream();
    }

    /**
     * Turns the SDK's exceptions into the port's: a quota stop, a refusal, or no usable answer. Expired credentials are
     * no answer (whatever the call was, it did nothing at AWS): the member session is renewed once, and refused still
     * (or the management account's expired), the run is told to stop: no slot can go on.
     */
    private <T> T call(String operation, Supplier<T> request) {
        try {
            return session.call(operation, request);
        } catch (SdkException e) {
            var expired = CredentialsExpiredException.in(e);
            if (expired.isPresent()) {
                credentialsExpired.accept(expired.get().getMessage());
                throw new GenerationUnavailableException(operation + " was refused: " + expired.get().getMessage(), expired.get(),
                        false);
            }
            throw switch (e) {
                case ServiceQuotaExceededException quota -> new QuotaExceededException(message(quota), quota);
                case ConflictException conflict -> new GenerationConflictException(message(conflict), conflict);
                case AwsServiceException service -> refusalOrUnknown(service);
                default -> new GenerationUnavailableException(operation + " got no answer: " + e.getMessage(), e);
            };
        }
    }

    private static Trail toTrail(GenerationProperties.Trail trail) {
        Trail.Builder builder = Trail.builder().cloudTrailArn(trail.arn()).allRegions(trail.allRegions());
        if (!trail.regions().isEmpty()) {
            builder.regions(trail.regions());
        }
        return builder.build();
    }

    /** 4xx answers are AWS's word on this request; 5xx and throttling past the retries leave the outcome unknown. */
    private static RuntimeException refusalOrUnknown(AwsServiceException e) {
        if (e.statusCode() >= 500 || e.isThrottlingException()) {
            return new GenerationUnavailableException(message(e), e);
        }
        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : String.valueOf(e.statusCode());
        List<String> fields = e instanceof ValidationException invalid && invalid.hasFieldList()
                ? invalid.fieldList().stream().map(ValidationExceptionField::name).toList() : List.of();
        return new GenerationRejectedException(code, message(e), fields, e);
    }

    /**
     * AWS's words; another service's named with them: a member session renewed inside an Access Analyzer call (STS's
     * AssumeRole) fails as that call, and "An internal error occurred" read as Access Analyzer's would send the
     * operator to the wrong service.
     */
    private static String message(AwsServiceException e) {
        var details = e.awsErrorDetails();
        String text = details != null && details.errorMessage() != null ? details.errorMessage() : e.getMessage();
        return e instanceof AccessAnalyzerException || details == null ? text
                : details.serviceName() + " " + details.errorCode() + " (the member role's session): " + text;
    }
}
