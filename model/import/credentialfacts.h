#pragma once

#include "core/propertyvalue.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

/**
 * One environment variable of a workload, as both importers hand it to assessCredentials().
 * The value is held in memory for the comparisons and dropped with the variable: it is never
 * copied into a property, a note, a report line or an error, and nothing derived from it is
 * either (no hash, no length, no prefix).
 */
struct CredentialVariable
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

/** What the values of a workload's variables show about its credentials; names only. */
struct CredentialFacts
{
    /** A credential written in the files: the variable's index, and whether it is a password
     *  inside a URL (postgres://user:password@host) rather than a secret-named variable. */
    struct Literal
    {
        std::size_t variable;
        bool inUrl;
    };
    /** One finding for the import report: the variable it is about and what it says. The text
     *  names variables, never a value. */
    struct Finding
    {
        std::size_t variable;
        std::string text;
    };

    std::vector<Literal> literals;
    /** yes: a credential equals a well-known default or its own account's name. */
    std::optional<bool> weak;
    /** yes: a password variable (or a URL's password) is empty. */
    std::optional<bool> emptyPassword;
    /** yes: two different accounts have the same password. */
    std::optional<bool> shared;
    std::vector<Finding> findings;

    /** Sets weakCredentials, emptyPassword and sharedCredentials where they are known. */
    void applyTo(PropertyMap &properties) const;
};

/**
 * Compares the values of one workload's variables, in memory: which credentials are written in
 * the files, which are weak (a well-known default, or the account's own name), which passwords
 * are empty, and which different accounts share a password. A client and a server holding the
 * same password for the same account are in different workloads and never compared; within a
 * workload, two variables share a credential only when their accounts are known to differ.
 * When two variables have the same name, the first one wins (Compose: environment before
 * env_file).
 */
CredentialFacts assessCredentials(const std::vector<CredentialVariable> &variables);

/** Standard base64 (padding optional, whitespace ignored), or nothing when it is not base64. */
std::optional<std::string> decodeBase64(std::string_view text);

} // namespace bulkhead
