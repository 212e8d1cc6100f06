#pragma once

#include <string>
#include <vector>

namespace bulkhead {

class Catalog;

/** One thing `catalog lint` reports about a finalized catalog beyond what loading checks. */
struct LintProblem
{
    /** The catalog file that declared the entry. */
    std::string sourceFile;
    /** What is wrong, naming the entry ("mitigation M-X: ..."). */
    std::string message;

    /** "FILE: message", one line. */
    std::string line() const { return sourceFile + ": " + message; }
};

/**
 * Mitigations the model can never show in place although they are not marked as process
 * controls: no implementedWhen of their own, and some linking threat gives none either (or no
 * threat links them). Such a mitigation silently counts as missing on every finding.
 */
std::vector<LintProblem> mitigationsWithoutEvidence(const Catalog &catalog);

/**
 * Properties of the kind schemas, the common element and boundary properties and the flow
 * properties that no threat's `when` and no implementedWhen reads, and that the analysis does
 * not read itself, unless marked descriptive; and properties marked descriptive that something
 * does read. The catalog must be finalized (the compiled rules say what they read).
 */
std::vector<LintProblem> unreadProperties(const Catalog &catalog);

/**
 * Repositories of the image table that an earlier entry lists too: lookups take the first
 * entry, so the later one never matches that name. Docker Hub prefixes ("docker.io/library/")
 * and case do not make two names different.
 */
std::vector<LintProblem> shadowedImageRepositories(const Catalog &catalog);

} // namespace bulkhead
