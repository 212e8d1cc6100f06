#pragma once

// The one shape of an environment variable that both importers read (a Compose service's
// environment and env files, a Kubernetes container's env) and that the credential checks and
// the image defaults judge.

#include <optional>
#include <string>

namespace bulkhead {

/**
 * One environment variable of a workload. The value is held in memory for comparisons and
 * inferences and dropped with the variable: it may be a credential, so it is never copied into a
 * property, a note, a report line or an error, and nothing derived from it is either (no hash,
 * no length, no prefix). Each importer extends it with where the variable was written.
 */
struct EnvironmentVariable
{
    /** The variable's name as the model and report may show it. */
    std::string name;
    /** Nothing when the import cannot know the value (taken from the runtime environment, from a
     *  Secret or ConfigMap that is not among the files). */
    std::optional<std::string> value;
    /** Whether the value is written in the imported files (a Compose file, its .env or env files,
     *  a manifest): false for one taken from the environment bulkhead runs in. */
    bool writtenInFiles = true;
};

} // namespace bulkhead
