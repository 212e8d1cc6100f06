#pragma once

// Internal to the Compose import: what a service's variable values show about its credentials.

#include <vector>

namespace bulkhead {

class ComposeInput;
class ImportModelBuilder;
struct ComposeService;

/**
 * Compares the values of the service's variables (assessCredentials) and records the result:
 * credsInConfig yes for a credential written in the project's files, weakCredentials,
 * emptyPassword and sharedCredentials, each with its line in the import report. Then drops the
 * values, so that none outlives the mapping of the service.
 */
void recordCredentialFacts(ComposeInput &input, ComposeService &service);

/**
 * After the flows: a service that calls another and holds the same weak password holds it as
 * that service's client (clientHeldCredentials()); each such variable gets a report line, and a
 * service whose weak credentials are all another's loses weakCredentials yes, so IAM-15 is
 * raised on the owner only.
 */
void attributeClientCredentials(ComposeInput &input, ImportModelBuilder &builder,
                                const std::vector<ComposeService> &services);

} // namespace bulkhead
