#pragma once

// Internal to the Compose import: what a service's variable values show about its credentials.

namespace bulkhead {

class ComposeInput;
struct ComposeService;

/**
 * Compares the values of the service's variables (assessCredentials) and records the result:
 * credsInConfig yes for a credential written in the project's files, weakCredentials,
 * emptyPassword and sharedCredentials, each with its line in the import report. Then drops the
 * values, so that none outlives the mapping of the service.
 */
void recordCredentialFacts(ComposeInput &input, ComposeService &service);

} // namespace bulkhead
