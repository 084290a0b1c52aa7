package io.policygen.principal;

import java.util.Iterator;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Streams one account's admitted principals, roles then users. When the account cannot be entered or read, it
 * records why in the step's context (keys {@value #ACCESS_ERROR_CODE} and {@value #ACCESS_ERROR_MESSAGE}) and reads
 * nothing, so the other accounts go on.
 * It keeps no position: a restarted partition lists its account again, and the upserts are idempotent.
 */
public class IamPrincipalReader implements ItemStreamReader<DiscoveredPrincipal> {

    public static final String ACCESS_ERROR_CODE = "iamPrincipalReader.accessErrorCode";
    public static final String ACCESS_ERROR_MESSAGE = "iamPrincipalReader.accessErrorMessage";

    private final IamPrincipals iam;
    private final String accountId;
    private final PrincipalProperties filter;
    private ExecutionContext context;
    private java.util.stream.Stream<DiscoveredPrincipal> stream;
    private Iterator<DiscoveredPrincipal> principals;

    public IamPrincipalReader(IamPrincipals iam, String accountId, PrincipalProperties filter) {
        this.iam = iam;
        this.accountId = accountId;
        this.filter = filter;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        context = executionContext;
        context.remove(ACCESS_ERROR_CODE);
        context.remove(ACCESS_ERROR_MESSAGE);
        stream = filter.types().stream()
                .flatMap(type -> iam.list(accountId, type))
                .filter(p -> filter.admits(p.type(), p.path(), p.name()));
        principals = stream.iterator();
    }

    @Override
    public DiscoveredPrincipal read() {
        try {
            return principals.hasNext() ? principals.next() : null;
        } catch (AccountAccessException e) {
            return stopAt(e.code(), e.getMessage());
        } catch (AwsServiceException e) {
            if (e.statusCode() != 403) {
                throw e;
            }
            AccountAccessException error = AwsIamPrincipals.accessError(accountId, "cannot list IAM principals", e);
            return stopAt(error.code(), error.getMessage());
        }
    }

    private DiscoveredPrincipal stopAt(String code, String message) {
        context.putString(ACCESS_ERROR_CODE, code);
        context.putString(ACCESS_ERROR_MESSAGE, message);
        principals = java.util.Collections.emptyIterator();
        return null;
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
