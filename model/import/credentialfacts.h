#pragma once

#include "core/propertyvalue.h"
#include "import/environmentvariable.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

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

    /** A weak credential: its variable and a fingerprint of its password (a hash, in memory
     *  only), to tell whose it is when another workload holds the same password. */
    struct WeakCredential
    {
        std::size_t variable;
        std::size_t fingerprint;
    };

    std::vector<Literal> literals;
    std::vector<WeakCredential> weakCredentials;
    /** The fingerprints of every non-empty password the variables hold, in memory only. */
    std::vector<std::size_t> passwordFingerprints;
    /** Every credential's value is known (none left to the runtime environment). */
    bool allValuesKnown = true;
    /** yes: a credential equals a well-known default or its own account's name. */
    std::optional<bool> weak;
    /** yes: a password variable (or a URL's password) is empty. */
    std::optional<bool> emptyPassword;
    /** yes: two different accounts have the same password. */
    std::optional<bool> shared;
    /** yes: an application's secret key is empty or a published placeholder (secretkeys.h). */
    std::optional<bool> weakSecretKey;
    std::vector<Finding> findings;

    /** Sets weakCredentials, emptyPassword, sharedCredentials and weakSecretKey where known. */
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
CredentialFacts assessCredentials(const std::vector<EnvironmentVariable> &variables);

/** Whether a lower-case value is a password that scanners try first (changeme, admin…). */
bool isWellKnownPassword(std::string_view lowerValue);

/** Standard base64 (padding optional, whitespace ignored), or nothing when it is not base64. */
std::optional<std::string> decodeBase64(std::string_view text);

} // namespace bulkhead
