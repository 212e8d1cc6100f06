#pragma once

#include "analysis/threatcomparison.h"
#include "core/result.h"

#include <string>
#include <vector>

namespace bulkhead {
class Catalog;
struct AnalysisResult;
} // namespace bulkhead

namespace bulkhead::cli {

/** analyze --baseline FILE: every threat of FILE or of `result`, compared; or one error line. */
Result<std::vector<ThreatChange>> compareWithBaseline(const std::string &baselineFile,
                                                      const Catalog &catalog,
                                                      const AnalysisResult &result);

/**
 * analyze --fail-on-new: true when a threat fails the gate (analysis/baselinegate.h), after
 * naming each one on stderr.
 */
bool baselineGateFails(const std::vector<ThreatChange> &changes, Severity threshold,
                       const std::string &baselineFile);

} // namespace bulkhead::cli
