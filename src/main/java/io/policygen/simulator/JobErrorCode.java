package io.policygen.simulator;

/**
 * Why a generation that Access Analyzer accepted ended FAILED: the {@code jobError.code} values of
 * botocore's {@code data/accessanalyzer/2019-11-01/service-2.json} (shape {@code JobErrorCode}).
 */
public enum JobErrorCode {
    /** The access role cannot be assumed, or cannot read the trail's bucket or KMS key. */
    AUTHORIZATION_ERROR,
    /** The trail or its bucket is gone. */
    RESOURCE_NOT_FOUND_ERROR,
    /** A per-generation limit, e.g. 100,000 CloudTrail log files. */
    SERVICE_QUOTA_EXCEEDED_ERROR,
    /** Something went wrong inside Access Analyzer. */
    SERVICE_ERROR;

    /** The code from its name, any case; names the valid ones when it is none of them. */
    public static JobErrorCode parse(String text) {
        for (JobErrorCode code : values()) {
            if (code.name().equalsIgnoreCase(text)) {
                return code;
            }
        }
        throw new IllegalArgumentException("job error code must be one of AUTHORIZATION_ERROR, RESOURCE_NOT_FOUND_ERROR, "
                + "SERVICE_QUOTA_EXCEEDED_ERROR, SERVICE_ERROR, was '" + text + "'");
    }
}
