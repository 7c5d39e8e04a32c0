package io.countersign.cli.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.engine.store.StoreException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class StoreProblemTest {

    /** The SDK's message for a missing credential, as DefaultCredentialsProvider gives it (abridged only in length). */
    static final String CHAIN = "Unable to load credentials from any of the providers in the chain"
            + " AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(),"
            + " EnvironmentVariableCredentialsProvider(), WebIdentityTokenCredentialsProvider(),"
            + " ProfileCredentialsProvider(profileName=default, profileFile=ProfileFile(sections=[])),"
            + " ContainerCredentialsProvider(), InstanceProfileCredentialsProvider()]) : [SystemPropertyCredentialsProvider():"
            + " Unable to load credentials from system settings. Access key must be specified either via environment"
            + " variable (AWS_ACCESS_KEY_ID) or system property (aws.accessKeyId)., EnvironmentVariableCredentialsProvider():"
            + " Unable to load credentials from system settings. ..., InstanceProfileCredentialsProvider(): Failed to"
            + " load credentials from IMDS.]";

    @Test
    void theCredentialChainEssayBecomesWhatToSet() {
        SdkClientException sdk = SdkClientException.create(CHAIN);
        StoreException e = new StoreException("cannot reach DynamoDB at DynamoDB (eu-central-1): " + sdk.getMessage(), sdk);
        assertEquals("cannot reach DynamoDB at DynamoDB (eu-central-1): no AWS credentials found: set AWS_PROFILE, or"
                + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an instance or container role is available",
                StoreProblem.describe(e));
    }

    @Test
    void otherMessagesKeepOneShortLine() {
        String long1 = "x".repeat(1000);
        assertEquals("x".repeat(StoreProblem.MAX) + "...", StoreProblem.describe(new StoreException(long1 + "\nmore", null)));
        assertEquals("table 'countersign' does not exist\\x1B[2J",
                StoreProblem.describe(new StoreException("table 'countersign' does not exist\u001b[2J\nat line 2", null)));
    }
}
