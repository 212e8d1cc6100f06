#pragma once

#include <string>
#include <vector>

namespace bulkhead {

class Catalog;
struct ThreatRule;

/** The outcome of one of a threat's own test cases (docs/catalog-format.md, "Test cases"). */
struct RuleTestResult
{
    std::string threatId;
    std::string caseName;
    /** "fires", "confirm" or "quiet". */
    std::string expected;
    bool passed = false;
    /** Why it failed: what fired instead, or what is wrong with the case itself. */
    std::string failure;
};

/**
 * Builds the small model each test case of `threat` describes and runs the real analysis on
 * it. A malformed case or one whose model does not validate is a failed result, not a crash.
 */
std::vector<RuleTestResult> runRuleTests(const Catalog &catalog, const ThreatRule &threat);

} // namespace bulkhead
